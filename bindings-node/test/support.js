'use strict'
// Shared pieces of the Node suites: the known-answer vectors, the sandbox
// binary on a free loopback port, a merchant site that answers `sent`, and
// small HTTP helpers.

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const https = require('node:https')
const path = require('node:path')
const readline = require('node:readline')
const { randomBytes } = require('node:crypto')

const latipay = require('..')

// LATIPAY_REPO: the repository, when these suites run from an installed copy of the package.
const REPO = process.env.LATIPAY_REPO || path.resolve(__dirname, '..', '..')
const SANDBOX_BIN = process.env.LATIPAY_SANDBOX_BIN || path.join(REPO, 'target', 'debug', 'latipay-sandbox')
const DEMO = { userId: 'U000334333', walletId: 'W00000001', apiKey: '111222333' }

/** One file of tests/vectors. */
function vectors(name) {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'vectors', name), 'utf8'))
}

/**
 * Starts `latipay-sandbox --port 0` with short timings; resolves to
 * { baseUrl, stop, certificatePem } (the PEM with `--tls`).
 */
async function startSandbox(extraArgs = []) {
  if (!fs.existsSync(SANDBOX_BIN)) {
    throw new Error(`${SANDBOX_BIN} is missing: run \`cargo build -p latipay-sandbox\` (make test does) or set LATIPAY_SANDBOX_BIN`)
  }
  const args = ['--port', '0', '--notify-interval-ms', '100', '--block-timeout-secs', '2', '--barcode-pending-ms', '300', ...extraArgs]
  const child = spawn(SANDBOX_BIN, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout })
  const read = lines[Symbol.asyncIterator]()
  const exited = new Promise((resolve, reject) => child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`))))
  const line = async () => (await Promise.race([read.next(), exited])).value
  const baseUrl = await line()
  const certificatePem = extraArgs.includes('--tls') ? fs.readFileSync(await line(), 'utf8') : undefined
  ;(async () => { for (;;) if ((await read.next()).done) return })() // keep reading its log
  return {
    baseUrl,
    certificatePem,
    stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill() }),
  }
}

/** A fresh merchant_reference. */
function reference() {
  return 'js-' + randomBytes(8).toString('hex')
}

/** One HTTP(S) request; resolves to { status, headers, body } (redirects not followed). */
function request(url, { method = 'GET', body, headers = {}, ca } = {}) {
  return new Promise((resolve, reject) => {
    const transport = url.startsWith('https:') ? https : http
    const req = transport.request(url, { method, headers, ca }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** POSTs a form. */
function postForm(url, fields) {
  return request(url, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
}

/** Calls the sandbox's control API (`/_sandbox/…`) with `body` as JSON; resolves to its JSON. */
async function control(sandbox, method, path, body) {
  const answer = await request(sandbox.baseUrl + path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    ca: sandbox.certificatePem,
  })
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.body}`)
  return JSON.parse(answer.body)
}

/** Acts as the customer on a pending order through the control API. */
async function customer(baseUrl, action, merchantReference) {
  const answer = await request(`${baseUrl}/_sandbox/orders/${merchantReference}/${action}`, { method: 'POST' })
  if (answer.status !== 200) throw new Error(`${action}: ${answer.status} ${answer.body}`)
}

/** Opens the hosted page and presses a button; resolves to where the browser is sent. */
async function customerPresses(paymentUrl, action) {
  const opened = await request(paymentUrl)
  if (opened.status !== 303) throw new Error(`the payment URL answered ${opened.status}`)
  const base = paymentUrl.split('/pay/')[0]
  const pressed = await postForm(base + opened.headers.location, { action })
  if (pressed.status !== 303) throw new Error(`pressing ${action} answered ${pressed.status}`)
  return pressed.headers.location
}

/** The sandbox's deliveries for one order. */
async function deliveries(baseUrl, merchantReference) {
  const log = JSON.parse((await request(`${baseUrl}/_sandbox/notifications`)).body)
  return log.notifications.filter((n) => n.merchant_reference === merchantReference)
}

/** Polls `check` until it resolves truthy, or rejects after `timeoutMs`. */
async function eventually(check, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const result = await check()
    if (result) return result
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${check}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** A merchant site that keeps every notification's raw body and answers `sent`. */
function startMerchant() {
  const bodies = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks))
      res.writeHead(200, { 'content-type': 'text/plain' }).end(latipay.NOTIFICATION_ACK)
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({
      callbackUrl: `http://127.0.0.1:${server.address().port}/latipay/notify`,
      notificationsFor: (ref) => bodies.map((b) => latipay.verifyNotification(b, DEMO.apiKey)).filter((n) => n.merchantReference === ref),
      stop: () => new Promise((r) => { server.closeAllConnections(); server.close(r) }),
    })
  }))
}

module.exports = { DEMO, REPO, vectors, startSandbox, startMerchant, reference, request, postForm, control, customer, customerPresses, deliveries, eventually }
