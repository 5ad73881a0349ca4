'use strict'
// The literal types index.d.ts declares (PaymentMethod, PaymentStatus,
// RedirectStatus) are written by hand: they must be exactly what the core
// accepts, or a valid method would not compile and a refused one would.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const latipay = require('..')
const { vectors } = require('./support')

const KEY = 'a-long-enough-test-key'
const DTS = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')

/** The string literals of `export type <name> = …`, and the names of other types it includes. */
function literals(name) {
  const match = DTS.match(new RegExp(`export type ${name} =([^]*?)\\n\\n`))
  assert.ok(match, `index.d.ts declares ${name}`)
  const own = [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1])
  const included = [...match[1].matchAll(/\b([A-Z]\w+)\b/g)].flatMap((m) => literals(m[1]))
  return [...included, ...own].sort()
}

/** A notification for `method` and `status`, signed as Latipay does, then verified by the core. */
function roundTrip(method, status) {
  const outcome = { merchantReference: 'order-1', paymentMethod: method, status, currency: 'NZD', amount: '1.00' }
  const body = new URLSearchParams({
    merchant_reference: 'order-1', payment_method: method, status, currency: 'NZD', amount: '1.00',
    signature: latipay.signOutcome(outcome, KEY),
  }).toString()
  return latipay.verifyNotification(body, KEY)
}

test('PaymentMethod lists exactly the methods the core knows', () => {
  const declared = literals('PaymentMethod')
  const refusal = (() => {
    try {
      latipay.createTransactionRequest(new latipay.Credentials('U1', 'W1', KEY), {
        merchantReference: 'r', amount: '1.00', paymentMethod: 'no-such-method', productName: 'p',
        callbackUrl: 'https://shop.example/n', returnUrl: 'https://shop.example/r', ip: '1.2.3.4',
      })
    } catch (error) {
      return error
    }
    assert.fail('an unknown method was accepted')
  })()
  const known = refusal.message.match(/must be one of (.*?) \(/)[1].split(', ').sort()
  assert.deepEqual(declared, known)
  for (const method of declared) assert.equal(roundTrip(method, 'paid').paymentMethod, method)
})

test('PaymentStatus and RedirectStatus list exactly the statuses of the vectors', () => {
  const inVectors = new Set(vectors('statuses.json').transitions.flatMap((t) => [t.from, t.to]))
  // 'refunded' stands there for any status the library does not know; 'cancel_or_fail' is a redirect's.
  inVectors.delete('refunded')
  assert.deepEqual(literals('RedirectStatus'), [...inVectors].sort())
  inVectors.delete('cancel_or_fail')
  assert.deepEqual(literals('PaymentStatus'), [...inVectors].sort())
  for (const status of literals('PaymentStatus')) assert.equal(roundTrip('alipay', status).status, status)
  assert.throws(() => roundTrip('alipay', 'cancel_or_fail'), (error) => error.code === 'malformed_response' && error.field === 'status')
})
