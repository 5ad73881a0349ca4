'use strict'
// startSandbox(): the sandbox on a free loopback port for a test suite, with
// the customer's actions and the control API as Promises, stopped by close().

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const https = require('node:https')
const readline = require('node:readline')

/** The merchant every sandbox started without `merchants` knows. */
const DEMO_MERCHANT = Object.freeze({ userId: 'U000334333', walletId: 'W00000001', apiKey: '111222333', currency: 'NZD' })

/** `USER_ID:WALLET_ID:API_KEY[:CURRENCY]` -> a merchant object. */
function parseMerchant(spec) {
  const [userId, walletId, apiKey, currency = 'NZD', ...rest] = String(spec).split(':')
  if (!userId || !walletId || !apiKey || rest.length) {
    throw new TypeError(`a merchant is USER_ID:WALLET_ID:API_KEY[:CURRENCY], not ${JSON.stringify(spec)}`)
  }
  return Object.freeze({ userId, walletId, apiKey, currency })
}

/** The command-line arguments for `options`. */
function argumentsFor(options) {
  const args = ['--port', '0', '--notify-interval-ms', String(options.notifyIntervalMs ?? 100)]
  for (const spec of options.merchants ?? []) args.push('--merchant', spec)
  if (options.blockTimeoutSecs !== undefined) args.push('--block-timeout-secs', String(options.blockTimeoutSecs))
  if (options.strict) args.push('--strict')
  if (options.tls) args.push('--tls')
  return [...args, ...(options.args ?? [])]
}

/** A running sandbox: see index.d.ts. */
class Sandbox {
  #child
  #exited
  #agentOptions

  constructor(child, exited, url, certificatePem, merchants) {
    this.#child = child
    this.#exited = exited
    this.url = url
    this.certificatePem = certificatePem
    this.merchants = merchants
    this.merchant = merchants[0]
    this.#agentOptions = certificatePem ? { ca: certificatePem } : {}
  }

  /** Calls the control API; resolves to its JSON, rejects on a status of 300 or more. */
  control(method, path, body) {
    const url = new URL(path, this.url)
    const client = url.protocol === 'https:' ? https : http
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const request = client.request(url, {
        method,
        ...this.#agentOptions,
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => { text += chunk })
        response.on('end', () => {
          if (response.statusCode >= 300) return reject(new Error(`${method} ${path}: ${response.statusCode} ${text}`))
          try {
            resolve(text ? JSON.parse(text) : null)
          } catch (error) {
            reject(new Error(`${method} ${path}: the answer is not JSON: ${error.message}`))
          }
        })
      })
      request.on('error', reject)
      request.end(payload)
    })
  }

  #act(action, merchantReference) {
    return this.control('POST', `/_sandbox/orders/${encodeURIComponent(merchantReference)}/${action}`)
  }

  /** The customer pays a pending order. */
  pay(merchantReference) { return this.#act('pay', merchantReference) }
  /** The customer's payment fails. */
  fail(merchantReference) { return this.#act('fail', merchantReference) }
  /** The customer cancels. */
  cancel(merchantReference) { return this.#act('cancel', merchantReference) }
  /** The order as the sandbox holds it. */
  order(merchantReference) { return this.control('GET', `/_sandbox/orders/${encodeURIComponent(merchantReference)}`) }

  /** Every notification sent (for one order, when given), with its attempts. */
  async notifications(merchantReference) {
    const { notifications } = await this.control('GET', '/_sandbox/notifications')
    return merchantReference === undefined ? notifications : notifications.filter((n) => n.merchant_reference === merchantReference)
  }

  /** Makes the next requests to an endpoint misbehave (see the sandbox README's Faults); resolves to the stored fault. */
  faults(rule) { return this.control('POST', '/_sandbox/faults', rule) }
  /** Request fields accepted although they were not JSON strings. */
  async warnings() { return (await this.control('GET', '/_sandbox/warnings')).warnings }
  /** Forgets every order, notification, fault and warning. */
  reset() { return this.control('POST', '/_sandbox/reset') }

  /** Stops the sandbox; resolves once it has exited. */
  async close() {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM')
    await this.#exited
  }

  /** `await using sandbox = await startSandbox()` closes it at the end of the scope. */
  [Symbol.asyncDispose]() { return this.close() }
}

/** Starts `latipay-sandbox --port 0` (see index.d.ts for the options). */
async function startSandbox(options = {}, binaryPath) {
  const merchants = (options.merchants ?? []).map(parseMerchant)
  const child = spawn(options.binary ?? binaryPath(), argumentsFor(options), { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const failed = new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => reject(new Error(`latipay-sandbox exited (${signal ?? code}) before printing its URL`)))
  })
  failed.catch(() => {}) // observed below; once it listens, an exit is close()'s business
  try {
    const next = async () => {
      const line = await Promise.race([lines.next(), failed])
      if (line.done) await failed // stdout ended: the exit's rejection says why
      return line.value
    }
    const url = await next()
    const certificatePem = options.tls ? fs.readFileSync(await next(), 'utf8') : undefined
    // Keep reading, so that the sandbox never blocks on a full pipe.
    ;(async () => { for await (const _ of { [Symbol.asyncIterator]: () => lines }); })().catch(() => {})
    return new Sandbox(child, exited, url, certificatePem, merchants.length ? merchants : [DEMO_MERCHANT])
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
}

module.exports = { startSandbox, DEMO_MERCHANT, Sandbox }
