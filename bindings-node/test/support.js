'use strict'
// Shared pieces of the Node suites: the known-answer vectors, the sandbox
// on a free loopback port (through the latipay-sandbox package's startSandbox,
// which finds its executable at $LATIPAY_SANDBOX_BIN here), a merchant site
// that answers `sent`, and small HTTP helpers.

const fs = require('node:fs')
const http = require('node:http')
const https = require('node:https')
const path = require('node:path')
const { randomBytes } = require('node:crypto')

const latipay = require('..')
const { startSandbox: startSandboxPackage } = require('latipay-sandbox')

// LATIPAY_REPO: the repository, when these suites run from an installed copy of the package.
const REPO = process.env.LATIPAY_REPO || path.resolve(__dirname, '..', '..')
const DEMO = { userId: 'U000334333', walletId: 'W00000001', apiKey: '111222333' }

/** One file of tests/vectors. */
function vectors(name) {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'vectors', name), 'utf8'))
}

/** The sandbox options of these suites: short timings, so they run in seconds. */
const SANDBOX_OPTIONS = { blockTimeoutSecs: 2, args: ['--barcode-pending-ms', '300'] }

/**
 * Starts the sandbox through the `latipay-sandbox` package (with `--tls`
 * among `extraArgs`, over HTTPS); resolves to { baseUrl, stop, certificatePem }.
 */
async function startSandbox(extraArgs = []) {
  const tls = extraArgs.includes('--tls')
  const args = [...SANDBOX_OPTIONS.args, ...extraArgs.filter((a) => a !== '--tls')]
  const sandbox = await startSandboxPackage({ ...SANDBOX_OPTIONS, tls, args })
  return { baseUrl: sandbox.url, certificatePem: sandbox.certificatePem, stop: () => sandbox.close() }
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

module.exports = { DEMO, REPO, SANDBOX_OPTIONS, vectors, startSandbox, startMerchant, reference, request, postForm, control, customer, customerPresses, deliveries, eventually }
