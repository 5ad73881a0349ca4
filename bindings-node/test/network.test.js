'use strict'
// The Promise methods on undici: AbortSignal, a dispatcher of your
// own, an explicit proxy, trust options, and the attempt log; and that held
// calls leave libuv's thread pool free.

const test = require('node:test')
const assert = require('node:assert/strict')
const diagnostics = require('node:diagnostics_channel')
const fs = require('node:fs')
const { spawn } = require('node:child_process')
const net = require('node:net')
const readline = require('node:readline')
const { Agent } = require('undici')

const latipay = require('..')
const { DEMO, startSandbox, reference } = require('./support')

const order = (ref) => ({
  merchantReference: ref, amount: '12.50', paymentMethod: 'alipay', productName: 'network',
  callbackUrl: 'http://127.0.0.1:9/notify', ip: '122.122.122.1', returnUrl: 'http://127.0.0.1:9/return',
})

/**
 * A CONNECT proxy on loopback, in a process of its own (a …Sync call blocks
 * this one), printing each request line it receives.
 */
async function startProxy() {
  const script = `
    const { spawn } = require('node:child_process')
const readline = require('node:readline')
    const server = net.createServer((socket) => {
      let head = Buffer.alloc(0)
      const read = (chunk) => {
        head = Buffer.concat([head, chunk])
        const end = head.indexOf('\\r\\n\\r\\n')
        if (end < 0) return
        socket.off('data', read)
        const line = head.toString('latin1').split('\\r\\n')[0]
        process.stdout.write(line + '\\n')
        const [method, target] = line.split(' ')
        if (method !== 'CONNECT') return socket.end('HTTP/1.1 405 Only CONNECT\\r\\n\\r\\n')
        const [host, port] = target.split(':')
        const upstream = net.connect(Number(port), host, () => {
          socket.write('HTTP/1.1 200 Connection established\\r\\n\\r\\n')
          upstream.write(head.subarray(end + 4))
          socket.pipe(upstream).pipe(socket)
        })
        upstream.on('error', () => socket.destroy())
        socket.on('error', () => upstream.destroy())
      }
      socket.on('data', read)
    })
    server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '\\n'))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout })
  const seen = []
  const url = await new Promise((resolve) => lines.once('line', resolve))
  lines.on('line', (line) => seen.push(line))
  return { url, seen, stop: () => new Promise((r) => { child.once('exit', r); child.kill() }) }
}

test('the Promise methods on undici', async (t) => {
  const sandbox = await startSandbox()
  const client = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl })
  t.after(async () => { await client.close(); await sandbox.stop() })

  await t.test('an AbortSignal ends a held query with its reason, and the client goes on', async () => {
    const ref = reference()
    await client.createTransaction(order(ref))
    const controller = new AbortController()
    const held = client.query(ref, { block: true, signal: controller.signal })
    setTimeout(() => controller.abort(new Error('the customer left')), 100)
    await assert.rejects(held, { message: 'the customer left' })
    assert.equal((await client.query(ref)).status, 'pending')
  })

  await t.test('an aborted signal rejects before anything is sent', async () => {
    const sent = []
    const watched = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, onAttempt: (a) => sent.push(a) })
    await assert.rejects(watched.cancel('any', { signal: AbortSignal.abort() }), { name: 'AbortError' })
    assert.deepEqual(sent, [])
  })

  await t.test('call options are checked like every argument', async () => {
    await assert.rejects(client.cancel('r', { sginal: 1 }), (e) => e.code === 'invalid_argument' && e instanceof TypeError)
    await assert.rejects(client.cancel('r', { signal: 'soon' }), (e) => e.code === 'invalid_argument' && e.field === 'signal')
    await assert.rejects(client.query('r', { block: true, signal: {} }), (e) => e.field === 'signal')
    assert.throws(() => client.querySync('r', { signal: AbortSignal.abort() }), (e) => e.code === 'invalid_argument')
  })

  await t.test('held blocking queries leave the thread pool to fs and dns', async () => {
    const ref = reference()
    await client.createTransaction(order(ref))
    let settled = 0
    const held = Array.from({ length: 8 }, () => client.query(ref, { block: true }).finally(() => { settled += 1 }))
    await new Promise((r) => setTimeout(r, 200))
    await fs.promises.readFile(__filename)
    assert.equal(settled, 0, 'the file was read while every query was still held')
    await Promise.all(held)
  })

  await t.test('a dispatcher of your own carries the Promise calls, and close() leaves it open', async () => {
    const agent = new Agent({ connections: 2 })
    let dispatched = 0
    const counting = Object.create(agent, { dispatch: { value: (opts, handler) => { dispatched += 1; return agent.dispatch(opts, handler) } } })
    const own = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, dispatcher: counting })
    const ref = reference()
    await own.createTransaction(order(ref))
    await own.query(ref)
    assert.equal(dispatched, 2)
    await own.close()
    assert.equal(agent.closed, false)
    await agent.close()
    assert.throws(() => new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, dispatcher: {} }), (e) => e.field === 'dispatcher')
  })

  await t.test('an explicit proxy carries both forms', async () => {
    const proxy = await startProxy()
    const through = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, proxy: proxy.url, maxRetries: 0 })
    const ref = reference()
    await through.createTransaction(order(ref))
    assert.equal(through.querySync(ref).status, 'pending')
    await through.close()
    await new Promise((r) => setTimeout(r, 50)) // the proxy's last lines
    await proxy.stop()
    const host = sandbox.baseUrl.replace('http://', '')
    assert.ok(proxy.seen.length >= 2 && proxy.seen.every((line) => line.startsWith(`CONNECT ${host}`)), proxy.seen.join('\n'))
  })

  await t.test('the deadline and the signal hold while a TLS handshake never comes', async () => {
    const silent = net.createServer(() => {}) // accepts, never speaks TLS
    await new Promise((r) => silent.listen(0, '127.0.0.1', r))
    const baseUrl = `https://127.0.0.1:${silent.address().port}`
    const slow = new latipay.Client({ ...DEMO, baseUrl, timeoutMs: 500, connectTimeoutMs: 60_000, maxRetries: 0 })
    await assert.rejects(slow.query('r'), { code: 'timeout' })
    const patient = new latipay.Client({ ...DEMO, baseUrl, timeoutMs: 60_000, connectTimeoutMs: 60_000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('gave up')), 100)
    await assert.rejects(patient.query('r', { signal: controller.signal }), { message: 'gave up' })
    await slow.close()
    await patient.close()
    silent.close()
  })

  await t.test('after close() the Promise methods reject, the Sync forms still work', async () => {
    const closing = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl })
    const ref = reference()
    await closing.createTransaction(order(ref))
    await closing.close()
    await assert.rejects(closing.query(ref), /closed/)
    assert.equal(closing.querySync(ref).status, 'pending')
  })

  await t.test('an unknown query option names both options', async () => {
    await assert.rejects(client.query('r', { blok: true }), (e) => e.code === 'invalid_argument' && /`block` and `signal`/.test(e.message))
  })

  await t.test('a SOCKS proxy is refused by name, its password never shown', () => {
    assert.throws(
      () => new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, proxy: 'socks5://user:pw1234@proxy:1080' }),
      (e) => e instanceof latipay.LatipayError && e.code === 'invalid_argument' && e.field === 'proxy' &&
        e.message.includes('socks5') && !e.message.includes('pw1234'),
    )
  })

  await t.test('trust options are checked', () => {
    new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, trustStore: 'system' })
    assert.throws(() => new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, trustStore: 'keychain' }), (e) => e.field === 'trust_store')
    assert.throws(() => new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, caCertificates: 'none' }), (e) => e.field === 'ca_certificates')
  })

  await t.test('every attempt goes to onAttempt and diagnostics_channel, without key, signature or query', async () => {
    const told = []
    const published = []
    const listen = (a) => published.push(a)
    diagnostics.subscribe('latipay:attempt', listen)
    t.after(() => diagnostics.unsubscribe('latipay:attempt', listen))
    const watched = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, onAttempt: (a) => told.push(a) })
    await assert.rejects(watched.query('logged-1'), { code: 'api_error' })
    assert.throws(() => watched.querySync('logged-2'), { code: 'api_error' })
    await watched.close()
    assert.deepEqual(told.map((a) => a.path), ['/v2/transaction/logged-1', '/v2/transaction/logged-2'])
    assert.deepEqual(published.filter((a) => a.path.includes('logged-')), told)
    for (const attempt of told) {
      assert.deepEqual([attempt.method, attempt.status, attempt.attempt, attempt.errorCode, attempt.retrying], ['GET', 200, 1, 'api_error', false])
      assert.ok(attempt.durationMs >= 0 && Object.isFrozen(attempt))
      const text = JSON.stringify(attempt)
      for (const secret of [DEMO.apiKey, 'signature', '?', 'user_id=']) assert.ok(!text.includes(secret), text)
    }
  })

  await t.test('a listener that throws is warned about, and the call still succeeds', async () => {
    const warnings = []
    const warned = (w) => warnings.push(w.message)
    process.on('warning', warned)
    const watched = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, onAttempt: () => { throw new Error('oops') } })
    const ref = reference()
    await watched.createTransaction(order(ref))
    await new Promise((r) => setImmediate(r))
    process.off('warning', warned)
    await watched.close()
    assert.ok(warnings.some((m) => m.includes('onAttempt') && m.includes('oops')), warnings.join('\n'))
  })
})

test('a proxy that closes every connection unanswered is left alone once the call has failed', async () => {
  let connections = 0
  const proxy = net.createServer((socket) => { connections++; socket.destroy() })
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const client = new latipay.Client({
    userId: DEMO.userId, walletId: DEMO.walletId, apiKey: DEMO.apiKey, baseUrl: 'https://api.latipay.net',
    proxy: `http://127.0.0.1:${proxy.address().port}`, timeoutMs: 500, maxRetries: 0,
  })
  try {
    await assert.rejects(client.query('order-1'), (err) => ['timeout', 'transport'].includes(err.code))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const after = connections
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal(connections, after, 'undici went on reconnecting to the proxy after the call had failed')
  } finally {
    await client.close()
    proxy.close()
  }
})
