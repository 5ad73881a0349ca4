'use strict'
// The client against servers that misbehave on purpose: a gzip bomb costs no
// memory, the timeout bounds a whole call (retries and pauses included), and
// nothing is retried that cannot succeed.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const net = require('node:net')
const zlib = require('node:zlib')

const latipay = require('..')

const MIB = 1024 * 1024
const DEMO = { userId: 'U000334333', walletId: 'W00000001', apiKey: '111222333' }
/** CRC-32 of 2^30 zero bytes (zlib's crc32, computed once). */
const CRC_OF_A_GIB_OF_ZEROS = 0x5b64c2b0

/**
 * A gzip file of 1 GiB of zeros, about 1 MB long: one raw deflate segment for
 * 1 MiB of zeros (ending on a full flush, so it stands alone) repeated 1024
 * times, a final empty block, and the right CRC and length.
 */
function gzipBomb() {
  const segment = zlib.deflateRawSync(Buffer.alloc(MIB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH })
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(CRC_OF_A_GIB_OF_ZEROS, 0)
  trailer.writeUInt32LE(2 ** 30 % 2 ** 32, 4)
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
  return Buffer.concat([header, ...Array(1024).fill(segment), Buffer.from([0x03, 0x00]), trailer])
}

/** How much `gzip` inflates to, streamed (which also checks its CRC). */
function inflatedSize(gzip) {
  return new Promise((resolve, reject) => {
    let total = 0
    const gunzip = zlib.createGunzip()
    gunzip.on('data', (chunk) => { total += chunk.length })
    gunzip.on('end', () => resolve(total))
    gunzip.on('error', reject)
    gunzip.end(gzip)
  })
}

/** The process's peak resident memory since the last reset, in bytes (Linux). */
function peakMemory() {
  const line = fs.readFileSync('/proc/self/status', 'ascii').split('\n').find((l) => l.startsWith('VmHWM:'))
  return Number(line.split(/\s+/)[1]) * 1024
}

/** Makes the peak the current resident memory (Linux's clear_refs 5). */
function resetPeakMemory() {
  fs.writeFileSync('/proc/self/clear_refs', '5')
}

/**
 * A TCP server answering each connection with `answer(index)` (raw bytes, head
 * included) after `delayMs`; `received` holds what each connection sent first.
 */
async function rawServer(answer, delayMs = 0) {
  const received = []
  const server = net.createServer((socket) => {
    // Up to the end of a request head, or whatever a TLS hello sent in 200 ms.
    let head = ''
    let answered = false
    const reply = () => {
      if (answered) return
      answered = true
      const index = received.push(head) - 1
      setTimeout(() => socket.end(answer(index)), delayMs)
    }
    socket.on('data', (data) => {
      head += data.toString('latin1')
      if (head.includes('\r\n\r\n')) reply()
    })
    setTimeout(reply, 200)
    socket.on('error', () => {})
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: server.address().port, received, close: () => server.close() }
}

function response(body, { status = '200 OK', headers = '' } = {}) {
  const head = `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\n${headers}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`
  return Buffer.concat([Buffer.from(head), body])
}

test('a gzip bomb is refused without inflating it', async (t) => {
  const bomb = gzipBomb()
  assert.ok(bomb.length < 1_200_000, `${bomb.length} bytes`)
  assert.equal(await inflatedSize(bomb), 2 ** 30)
  for (const [name, headers] of [['declared', 'Content-Encoding: gzip\r\n'], ['undeclared', '']]) {
    await t.test(name, async () => {
      const server = await rawServer(() => response(bomb, { headers }))
      try {
        const client = new latipay.Client({ ...DEMO, baseUrl: `http://127.0.0.1:${server.port}`, timeoutMs: 10_000 })
        resetPeakMemory()
        const before = peakMemory()
        await assert.rejects(client.query('order-1'), (e) => e.code === 'malformed_response')
        const grown = peakMemory() - before
        assert.ok(grown < 20 * MIB, `peak memory grew by ${grown} bytes`)
        assert.equal(server.received.length, 1)
        assert.match(server.received[0], /\r\naccept-encoding: identity\r\n/i)
      } finally {
        server.close()
      }
    })
  }
})

test('the timeout bounds the whole call, retries included', async () => {
  // 503 after 700 ms: the second attempt (after a 200 ms pause) has 100 ms left.
  const server = await rawServer(() => response(Buffer.alloc(0), { status: '503 Service Unavailable' }), 700)
  try {
    const client = new latipay.Client({ ...DEMO, baseUrl: `http://127.0.0.1:${server.port}`, timeoutMs: 1000, maxRetries: 10 })
    const started = Date.now()
    await assert.rejects(client.query('order-1'), (e) => {
      assert.equal(e.code, 'timeout', e.message)
      assert.match(e.message, /timeout \(1s\), the limit on the whole call/)
      return true
    })
    assert.ok(Date.now() - started < 1600, `${Date.now() - started} ms`)
    assert.equal(server.received.length, 2)
  } finally {
    server.close()
  }
})

test('a server that does not speak TLS is tried once', async () => {
  const server = await rawServer(() => Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'))
  try {
    const client = new latipay.Client({ ...DEMO, baseUrl: `https://127.0.0.1:${server.port}` })
    await assert.rejects(client.query('order-1'), (e) => e.code === 'transport' && /not retried/.test(e.message))
    assert.equal(server.received.length, 1)
  } finally {
    server.close()
  }
})

test('a SOCKS proxy in the environment is refused, naming the variable and not its password', () => {
  const saved = process.env.ALL_PROXY
  process.env.ALL_PROXY = 'socks5://merchant:pr0xy-pw@127.0.0.1:1080'
  try {
    assert.throws(() => new latipay.Client(DEMO), (e) => {
      assert.equal(e.code, 'invalid_argument')
      assert.equal(e.field, 'ALL_PROXY')
      assert.ok(e.message.includes('socks5') && !e.message.includes('pr0xy-pw'), e.message)
      return true
    })
  } finally {
    if (saved === undefined) delete process.env.ALL_PROXY
    else process.env.ALL_PROXY = saved
  }
})
