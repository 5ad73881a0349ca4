'use strict'
// The Promise methods on undici's fetch, with Node's default thread pool:
// fs.readFile latency while 64 and 1,000 blocking queries are held (goal:
// under 10 ms), memory per held query, and create-transaction throughput of
// the Promise methods against the …Sync forms, on loopback.
//
//   node bench/node_held.js            # after `npm run build` in bindings-node/ and a release sandbox
//   node bench/node_held.js --quick    # 64 held queries, short runs

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const readline = require('node:readline')

const latipay = require('../bindings-node')

const QUICK = process.argv.includes('--quick')
const SANDBOX = path.join(__dirname, '..', 'target', QUICK ? 'debug' : 'release', 'latipay-sandbox')
const DEMO = { userId: 'U000334333', walletId: 'W00000001', apiKey: '111222333' }
const GOAL_MS = 10

const order = (ref) => ({
  merchantReference: ref, amount: '12.50', paymentMethod: 'alipay', productName: 'bench',
  callbackUrl: 'http://127.0.0.1:9/notify', ip: '122.122.122.1', returnUrl: 'http://127.0.0.1:9/return',
})

async function startSandbox() {
  const child = spawn(SANDBOX, ['--port', '0', '--block-timeout-secs', '60'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout })
  const baseUrl = await new Promise((resolve) => lines.once('line', resolve))
  lines.on('line', () => {})
  return { baseUrl, stop: () => child.kill() }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mib = (bytes) => (bytes / 1048576).toFixed(1)

/** fs.readFile of this file, `samples` times in a row: the median and the worst, in ms. */
async function readLatency(samples) {
  const times = []
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint()
    await fs.promises.readFile(__filename)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return { median: median(times), worst: Math.max(...times) }
}

/** Calls per second of `call`, `inFlight` at a time, for `ms`. */
async function throughput(call, inFlight, ms) {
  let done = 0
  const end = Date.now() + ms
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (Date.now() < end) { await call(); done += 1 }
  }))
  return done / (ms / 1000)
}

async function main() {
  const sandbox = await startSandbox()
  const client = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl })
  const ref = `held-${Date.now()}`
  await client.createTransaction(order(ref))
  console.log(`Node ${process.version}, UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? 'unset (4)'}`)
  const idle = await readLatency(20)
  console.log(`fs.readFile with nothing held: median ${idle.median.toFixed(2)} ms, worst ${idle.worst.toFixed(2)} ms`)
  for (const count of QUICK ? [64] : [64, 1000]) {
    global.gc?.()
    const before = process.memoryUsage().rss
    const stop = new AbortController()
    const held = Array.from({ length: count }, () => client.query(ref, { block: true, signal: stop.signal }).catch(() => {}))
    await sleep(1500)
    const during = await readLatency(20)
    global.gc?.()
    const rss = process.memoryUsage().rss
    const verdict = during.worst < GOAL_MS ? 'met' : 'not met'
    console.log(`${count} held queries: fs.readFile median ${during.median.toFixed(2)} ms, worst ${during.worst.toFixed(2)} ms (goal < ${GOAL_MS} ms: ${verdict}); ` +
      `RSS +${mib(rss - before)} MiB, ${((rss - before) / count / 1024).toFixed(1)} KiB per held query`)
    stop.abort()
    await Promise.all(held)
    await sleep(200)
  }
  const ms = QUICK ? 1000 : 5000
  let n = 0
  const promise = await throughput(() => client.createTransaction(order(`tp-a-${n++}-${ref}`)), 8, ms)
  const sync = await throughput(async () => client.createTransactionSync(order(`tp-s-${n++}-${ref}`)), 1, ms)
  console.log(`create-transaction throughput on loopback: Promise (undici, 8 in flight) ${promise.toFixed(0)}/s; ` +
    `…Sync (the core's ureq, one at a time) ${sync.toFixed(0)}/s; ratio ${(promise / sync).toFixed(2)}x`)
  await client.close()
  sandbox.stop()
}

main().catch((error) => { console.error(error); process.exit(1) })
