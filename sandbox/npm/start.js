'use strict'
// startSandbox(): the sandbox on a free loopback port for a test suite, with
// the customer's actions and the control API as Promises, stopped by close().

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const https = require('node:https')
const os = require('node:os')
const path = require('node:path')
const readline = require('node:readline')
const util = require('node:util')

/** How long the sandbox may take to print its URL. */
const START_TIMEOUT_MS = 30_000
/** The first line the sandbox prints: its base URL. */
const BASE_URL = /^https?:\/\/[^/\s]+:[0-9]+$/

/** A frozen merchant whose api key `util.inspect` (console.log) leaves out. */
function merchant(userId, walletId, apiKey, currency) {
  const shown = { userId, walletId, apiKey: '<redacted>', currency }
  return Object.freeze(Object.defineProperty({ userId, walletId, apiKey, currency }, util.inspect.custom, {
    value: (depth, options, inspect) => inspect(shown, options),
  }))
}

/** The merchant every sandbox started without `merchants` knows. */
const DEMO_MERCHANT = merchant('U000334333', 'W00000001', '111222333', 'NZD')

/** `USER_ID:WALLET_ID:API_KEY[:CURRENCY]` -> a merchant object. */
function parseMerchant(spec) {
  const [userId, walletId, apiKey, currency = 'NZD', ...rest] = typeof spec === 'string' ? spec.split(':') : []
  if (!userId || !walletId || !apiKey || rest.length) {
    // The text holds an api key: it is not repeated here.
    throw new TypeError('a merchant is a string USER_ID:WALLET_ID:API_KEY[:CURRENCY] (one of `merchants` is not)')
  }
  return merchant(userId, walletId, apiKey, currency)
}

/**
 * A new file only this user can read, one merchant per line: api keys never
 * go on the command line (which other users of the machine can read).
 */
function merchantsFile(merchants) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latipay-sandbox-'))
  const file = path.join(dir, 'merchants')
  fs.writeFileSync(file, merchants.map((m) => `${m.userId}:${m.walletId}:${m.apiKey}:${m.currency}\n`).join(''), { mode: 0o600 })
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** The command-line arguments for `options`. */
function argumentsFor(options, merchants) {
  // With a stdin pipe this process holds: the sandbox never outlives it.
  const args = ['--port', '0', '--exit-on-stdin-close', '--notify-interval-ms', String(options.notifyIntervalMs ?? 100)]
  if (merchants) args.push('--merchants-file', merchants.file)
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

  /** The sandbox process's id. */
  get pid() { return this.#child.pid }

  /** Calls the control API; resolves to its JSON, rejects on a status of 300 or more. */
  control(method, path, body) {
    // The path goes as written: a URL would resolve `.` and `..` segments away.
    const { protocol, hostname, port } = new URL(this.url)
    const client = protocol === 'https:' ? https : http
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const request = client.request({
        protocol,
        hostname,
        port,
        path,
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
    this.#child.stdin.destroy()
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM')
    await this.#exited
  }

  /** `await using sandbox = await startSandbox()` closes it at the end of the scope. */
  [Symbol.asyncDispose]() { return this.close() }
}

/** Starts `latipay-sandbox --port 0` (see index.d.ts for the options). */
async function startSandbox(options = {}, binaryPath) {
  const merchants = (options.merchants ?? []).map(parseMerchant)
  const file = merchants.length ? merchantsFile(merchants) : undefined
  try {
    const child = spawn(options.binary ?? binaryPath(), argumentsFor(options, file), { stdio: ['pipe', 'pipe', 'inherit'] })
    return await listening(child, options, merchants.length ? merchants : [DEMO_MERCHANT])
  } finally {
    file?.remove() // read by the sandbox before it listens
  }
}

/** Resolves to the Sandbox once `child` prints its URL; kills it on failure. */
async function listening(child, options, merchants) {
  // The pipe only has to stay open, and must not keep Node running by itself.
  child.stdin.on('error', () => {})
  child.stdin.unref?.()
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  let timer
  const failed = new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => reject(new Error(`latipay-sandbox exited (${signal ?? code}) before it listened; its stderr says why`)))
    timer = setTimeout(() => reject(new Error(`latipay-sandbox printed nothing within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS)
  })
  failed.catch(() => {}) // observed below; once it listens, an exit is close()'s business
  try {
    const next = async () => {
      const line = await Promise.race([lines.next(), failed])
      if (line.done) await failed // stdout ended: the exit's rejection says why
      return line.value
    }
    const url = await next()
    if (!BASE_URL.test(url)) throw new Error(`latipay-sandbox printed ${JSON.stringify(url)} where its URL belongs`)
    const certificatePem = options.tls ? fs.readFileSync(await next(), 'utf8') : undefined
    // Keep reading, so that the sandbox never blocks on a full pipe.
    ;(async () => { for await (const _ of { [Symbol.asyncIterator]: () => lines }); })().catch(() => {})
    return new Sandbox(child, exited, url, certificatePem, merchants)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  } finally {
    clearTimeout(timer)
  }
}

module.exports = { startSandbox, DEMO_MERCHANT, Sandbox }
