'use strict'
// Carries a call's exchange over undici (`request`, the same HTTP stack as
// Node's fetch without the WHATWG streams): Node's own non-blocking I/O,
// so no thread-pool thread is held while a call waits (a blocking query may be
// held for minutes). The native exchange decides everything (what to send,
// retries and their pauses, the call's deadline, limits, verification, the
// result); this file only moves bytes and says how an attempt failed.

const { Agent, ProxyAgent, request } = require('undici')
const { setTimeout: sleep } = require('node:timers/promises')

/**
 * The undici dispatchers of one client: the one given, or agents made here
 * that trust what the core says (the bundled list, extra certificates or the
 * system store) and go through the proxy the core chose for each request.
 */
class Dispatchers {
  constructor({ dispatcher, trustedPem, connectTimeoutMs }) {
    this.given = dispatcher
    this.tls = trustedPem ? { ca: trustedPem } : {}
    this.connectTimeoutMs = connectTimeoutMs
    this.made = new Map()
    this.closed = false
  }

  /** The dispatcher for a request through `proxy` (undefined: direct). */
  for(proxy) {
    if (this.closed) throw new Error('this latipay Client is closed: its Promise methods cannot be used (the …Sync forms still can)')
    if (this.given !== undefined) return this.given
    const key = proxy ?? ''
    let dispatcher = this.made.get(key)
    if (dispatcher === undefined) {
      // Certificates are always checked (NODE_TLS_REJECT_UNAUTHORIZED=0 does not
      // turn that off here), and heads up to the core's 64 KiB limit are read.
      const connect = { ...this.tls, timeout: this.connectTimeoutMs, rejectUnauthorized: true }
      const limits = { maxHeaderSize: 64 * 1024 }
      dispatcher = proxy
        ? new ProxyAgent({ uri: proxy, requestTls: connect, proxyTls: connect, ...limits })
        : new Agent({ connect, ...limits })
      this.made.set(key, dispatcher)
    }
    return dispatcher
  }

  /**
   * Drops the agent made for `proxy` after an attempt through it got no answer:
   * undici's ProxyAgent (before undici 8) reconnects without end to a proxy that
   * closes the connection unanswered, long after the call gave up. Destroying
   * it ends that (other requests on it fail as `transport`); the next request
   * gets a new agent.
   */
  discardProxy(proxy) {
    const dispatcher = proxy ? this.made.get(proxy) : undefined
    if (dispatcher === undefined) return
    this.made.delete(proxy)
    dispatcher.destroy().catch(() => {})
  }

  /** Closes the agents made here (never the one given); no request is sent after. */
  async close() {
    this.closed = true
    const made = [...this.made.values()]
    this.made.clear()
    await Promise.all(made.map((dispatcher) => dispatcher.close()))
  }
}

/**
 * Carries `exchange` through to its result. `signal` aborts the call (the
 * Promise rejects with `signal.reason`, as Node's fetch does); `report` publishes the
 * attempts made so far.
 */
async function drive(exchange, { signal, dispatchers, report }) {
  try {
    for (;;) {
      signal?.throwIfAborted()
      const step = exchange.step()
      report()
      if (step.kind === 'send') {
        await attempt(exchange, step, signal, dispatchers)
      } else if (step.kind === 'wait') {
        await sleep(step.ms, undefined, { signal }).catch((error) => {
          throw signal?.aborted ? signal.reason : error
        })
      } else {
        return exchange.result()
      }
    }
  } finally {
    report()
  }
}

/** Sends one request through `dispatchers` and reports what happened. */
async function attempt(exchange, step, signal, dispatchers) {
  const dispatcher = dispatchers.for(step.proxy)
  let answered = false
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), Math.ceil(step.ms))
  const signals = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal
  try {
    // undici's request follows no redirect and decompresses nothing. Its own
    // timeouts are off (the call's deadline is the timer above), and the
    // request is raced against the deadline and the signal, which undici
    // would heed only once a connection is up (not while connecting, during
    // TLS, or while a proxy keeps its CONNECT unanswered).
    const sent = request(step.url, {
      method: step.method,
      headers: step.headers.flat(),
      body: step.body ?? undefined,
      signal: signals,
      dispatcher,
      headersTimeout: 0,
      bodyTimeout: 0,
    })
    // An answer arriving after the race was lost is dropped unread.
    sent.then((late) => { if (signals.aborted) late.body.dump({ limit: 0 }).catch(() => {}) }, () => {})
    const response = await Promise.race([sent, abortion(signals)])
    answered = true
    if (!exchange.head(response.statusCode, headerPairs(response.headers))) {
      await response.body.dump({ limit: 0 }).catch(() => {})
      return
    }
    const body = await readAtMost(response.body, step.maxBodyBytes)
    if (body === null) exchange.failed('body_too_large', '')
    else exchange.body(body)
  } catch (error) {
    if (signal?.aborted) throw signal.reason
    if (deadline.signal.aborted) exchange.failed('timed_out', `no complete answer within ${Math.round(step.ms)} ms`)
    else exchange.failed(...failure(error))
  } finally {
    clearTimeout(timer)
    if (!answered) dispatchers.discardProxy(step.proxy)
  }
}

/** A promise rejected with the signal's reason once it aborts. */
function abortion(signal) {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

/** undici's header object as `[name, value]` pairs (a repeated header once per value). */
function headerPairs(headers) {
  const pairs = []
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, String(one)])
  }
  return pairs
}

/** The body, as the bytes arrive; null (and the rest discarded) beyond `limit`. */
async function readAtMost(body, limit) {
  const chunks = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > limit) {
      await body.dump({ limit: 0 }).catch(() => {})
      return null
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, size)
}

/** Codes of a refused certificate or a broken TLS handshake: another attempt cannot succeed. */
const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|ERR_OSSL_)/

/** The failure kind the core knows for an undici error, and its text. */
function failure(error) {
  const cause = error?.cause ?? error
  const code = String(cause?.code ?? '')
  const text = String(cause?.message || error?.message || error)
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return ['connect_timeout', text]
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return ['timed_out', text]
  if (code === 'UND_ERR_HEADERS_OVERFLOW') return ['headers_too_large', text]
  // undici 7 leaves `code` unset on its parser's errors.
  if (code.startsWith('HPE_') || cause?.name === 'HTTPParserError') return ['not_http', text]
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || text === 'bad upgrade') return ['not_http', text]
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(text)) return ['permanent', text]
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED' || code === 'ERR_INVALID_URL') return ['permanent', text]
  if (/proxy/i.test(text) && !/ECONNREFUSED|ECONNRESET/.test(text)) return ['permanent', text]
  return ['connection', text]
}

module.exports = { Dispatchers, drive }
