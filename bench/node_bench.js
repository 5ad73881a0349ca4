'use strict'
// latipay (Rust core via napi-rs) against the idiomatic Node implementation
// (crypto.createHmac + URLSearchParams), in one run, on the documented create
// request and notification from tests/vectors. Prints time per call and ratio.
//
//   node bench/node_bench.js            # after `npm run build` in bindings-node/
//   node bench/node_bench.js --quick    # fewer rounds, a smoke run

const crypto = require('node:crypto')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const latipay = require('../bindings-node')

const VECTORS = path.join(__dirname, '..', 'tests', 'vectors')
const knownAnswer = (file, name) => JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8')).cases.find((c) => c.name === name)

const CREATE_REQUEST = knownAnswer('signatures.json', 'create transaction').params
const NOTIFICATION_CASE = knownAnswer('notifications.json', 'documented example')
const NOTIFICATION = Buffer.from(NOTIFICATION_CASE.body)
const API_KEY = NOTIFICATION_CASE.api_key
const GOAL = 3

/** Rule A as a careful merchant writes it in Node. */
function nodeSign(params, apiKey) {
  const message = Object.keys(params)
    .filter((k) => k !== 'signature' && params[k] != null && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')
  return crypto.createHmac('sha256', apiKey).update(message + apiKey).digest('hex')
}

/** Rule B on a notification as a careful merchant writes it in Node. */
function nodeVerifyNotification(body, apiKey) {
  const fields = Object.fromEntries(new URLSearchParams(body.toString('utf8')))
  const message = ['merchant_reference', 'payment_method', 'status', 'currency', 'amount'].map((k) => fields[k]).join('')
  const expected = crypto.createHmac('sha256', apiKey).update(message).digest()
  const given = Buffer.from(fields.signature || '', 'hex')
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw new Error('invalid signature')
  return fields
}

/** Nanoseconds per call of each, the best of `rounds` alternating rounds of `calls`. */
function perCall(ours, theirs, calls, rounds) {
  const time = (fn) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) fn()
    return Number(process.hrtime.bigint() - start) / calls
  }
  let best = [Infinity, Infinity]
  for (let r = 0; r < rounds; r++) best = [Math.min(best[0], time(ours)), Math.min(best[1], time(theirs))]
  return best
}

function main() {
  const quick = process.argv.includes('--quick')
  const [calls, rounds] = quick ? [2000, 3] : [50000, 15]
  if (latipay.sign(CREATE_REQUEST, API_KEY) !== nodeSign(CREATE_REQUEST, API_KEY)) throw new Error('the two rule A implementations disagree')
  if (latipay.verifyNotification(NOTIFICATION, API_KEY).amount !== nodeVerifyNotification(NOTIFICATION, API_KEY).amount) {
    throw new Error('the two notification checks disagree')
  }
  const rows = [
    ['sign (10-field create request)', perCall(() => latipay.sign(CREATE_REQUEST, API_KEY), () => nodeSign(CREATE_REQUEST, API_KEY), calls, rounds)],
    ['verifyNotification', perCall(() => latipay.verifyNotification(NOTIFICATION, API_KEY), () => nodeVerifyNotification(NOTIFICATION, API_KEY), calls, rounds)],
  ]
  console.log(`Node ${process.version} on ${os.arch()}; best of ${rounds} alternating rounds of ${calls} calls`)
  console.log(`${'operation'.padEnd(34)} ${'latipay'.padStart(10)} ${'node:crypto'.padStart(12)} ${'ratio'.padStart(7)}`)
  let met = true
  for (const [name, [ours, theirs]] of rows) {
    const ratio = theirs / ours
    met = met && ratio >= GOAL
    console.log(`${name.padEnd(34)} ${(ours / 1000).toFixed(2).padStart(7)} µs ${(theirs / 1000).toFixed(2).padStart(9)} µs ${ratio.toFixed(1).padStart(6)}x`)
  }
  if (quick) console.log('quick run: a smoke test of this script, too short to judge the goal')
  else console.log(`goal: latipay at least ${GOAL}x faster: ${met ? 'met' : 'NOT met'}`)
}

main()
