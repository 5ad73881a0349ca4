'use strict'
// Every case in tests/vectors, the known answers shared with the Rust, Python
// and Kotlin suites, run through the Node API.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const latipay = require('..')
const { REPO, vectors } = require('./support')

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

test('every vector file is exercised', () => {
  const files = fs.readdirSync(path.join(REPO, 'tests', 'vectors')).filter((f) => f.endsWith('.json')).sort()
  assert.deepEqual(files, ['amounts.json', 'notifications.json', 'orders.json', 'redirects.json', 'requests.json', 'responses.json', 'signatures.json', 'statuses.json'])
})

/** Compares with `expect`, or checks the error against `expect_error`. */
function check(c, run) {
  if (c.expect_error === undefined) {
    assert.deepEqual(run(), c.expect, c.name)
    return
  }
  const want = typeof c.expect_error === 'string' ? { code: c.expect_error } : c.expect_error
  assert.throws(run, (e) => {
    assert.ok(e instanceof latipay.LatipayError, `${c.name}: ${e}`)
    assert.equal(e.code, want.code, `${c.name}: ${e.message}`)
    if (want.api_code !== undefined) assert.equal(e.apiCode, want.api_code)
    if (want.field !== undefined) assert.equal(e.field, want.field)
    return true
  }, c.name)
}

const paymentJson = (p) => ({
  merchant_reference: p.merchantReference,
  order_id: p.orderId ?? null,
  payment_method: p.paymentMethod,
  status: p.status,
  currency: p.currency,
  amount: p.amount,
  pay_time_raw: p.payTimeRaw ?? null,
  pay_time: p.payTime ? p.payTime.toISOString() : null,
  extra: p.extra,
})

/** The vectors write pay_time as RFC 3339 at +08:00; a JS Date is an instant. */
const instant = (expect) => ({ ...expect, pay_time: expect.pay_time ? new Date(expect.pay_time).toISOString() : null })

const redirectJson = (r) => ({
  merchant_reference: r.merchantReference,
  payment_method: r.paymentMethod,
  status: r.status,
  currency: r.currency,
  amount: r.amount,
  extra: r.extra,
})

test('signatures', async (t) => {
  const file = vectors('signatures.json')
  for (const c of file.cases) {
    await t.test(c.name, () => {
      if (c.rule === 'sorted') {
        assert.equal(latipay.sortedMessage(c.params) + file.api_key, c.message)
        assert.equal(latipay.sign(c.params, file.api_key) === c.signature, c.valid)
        // A null-prototype object takes the native, value-by-value path instead of the packed one.
        const bare = Object.assign(Object.create(null), c.params)
        assert.equal(latipay.sign(bare, file.api_key), latipay.sign(c.params, file.api_key))
        assert.equal(latipay.verifySorted(c.params, file.api_key, c.signature), c.valid)
      } else {
        assert.equal(c.parts.join(''), c.message)
        assert.equal(latipay.signConcat(c.parts, file.api_key) === c.signature, c.valid)
        assert.equal(latipay.verifyConcat(c.parts, file.api_key, c.signature), c.valid)
      }
    })
  }
})

test('notifications, from a Buffer, a Uint8Array and a string', async (t) => {
  for (const c of vectors('notifications.json').cases) {
    const expected = c.expect === undefined ? c : { ...c, expect: instant(c.expect) }
    await t.test(c.name, () => {
      for (const body of [Buffer.from(c.body), new Uint8Array(Buffer.from(c.body)), c.body]) {
        check(expected, () => paymentJson(latipay.verifyNotification(body, c.api_key)))
      }
    })
  }
})

test('redirects', async (t) => {
  for (const c of vectors('redirects.json').cases) {
    await t.test(c.name, () => check(c, () => redirectJson(latipay.verifyRedirect(c.input, c.api_key))))
  }
})

function parseResponse(c) {
  switch (c.op) {
    case 'create_transaction': {
      const r = latipay.parseCreateResponse(c.body, c.api_key)
      return { host_url: r.hostUrl, nonce: r.nonce, payment_url: r.paymentUrl }
    }
    case 'query': return paymentJson(latipay.parseQueryResponse(c.body, c.api_key, c.merchant_reference))
    case 'gateway_data': {
      const g = latipay.parseGatewayData(c.body, c.api_key)
      return {
        merchant_reference: g.merchantReference, order_id: g.orderId ?? null, nonce: g.nonce,
        payment_method: g.paymentMethod, amount: g.amount, currency: g.currency,
        amount_cny: g.amountCny ?? null, product_name: g.productName ?? null,
        organisation_name: g.organisationName ?? null, qr_code_url: g.qrCodeUrl,
        qr_code_png_base64: g.qrCodePng.toString('base64'),
      }
    }
    case 'refund': assert.equal(latipay.parseRefundResponse(c.body), undefined); return {}
    case 'cancel': assert.equal(latipay.parseCancelResponse(c.body), undefined); return {}
    case 'barcode': return { order_id: latipay.parseBarcodeResponse(c.body).orderId }
    default: throw new Error(`unknown op ${c.op}`)
  }
}

test('responses', async (t) => {
  for (const c of vectors('responses.json').cases) {
    const expected = c.op === 'query' && c.expect ? { ...c, expect: instant(c.expect) } : c
    await t.test(c.name, () => check(expected, () => parseResponse(c)))
  }
})

/** The request a vector describes, its snake_case input passed as camelCase options. */
function buildRequest(c) {
  const credentials = new latipay.Credentials(c.credentials.user_id, c.credentials.wallet_id, c.credentials.api_key)
  const options = Object.fromEntries(Object.entries(c.input).map(([k, v]) => [camel(k), v]))
  switch (c.op) {
    case 'create_transaction': return latipay.createTransactionRequest(credentials, options)
    case 'query': return latipay.queryRequest(credentials, options.merchantReference, { block: options.block })
    case 'refund': return latipay.refundRequest(credentials, options)
    case 'cancel': return latipay.cancelRequest(credentials, options.merchantReference)
    case 'barcode': return latipay.barcodeRequest(credentials, options)
    default: throw new Error(`unknown op ${c.op}`)
  }
}

test('valid requests', async (t) => {
  for (const c of vectors('requests.json').valid) {
    await t.test(c.name, () => {
      const r = buildRequest(c)
      assert.equal(r.method, c.expect.method)
      assert.equal(r.path, c.expect.path)
      assert.deepEqual(r.body == null ? undefined : JSON.parse(r.body), c.expect.body)
    })
  }
})

test('invalid requests (at least 50)', async (t) => {
  const invalid = vectors('requests.json').invalid
  assert.ok(invalid.length >= 50)
  for (const c of invalid) await t.test(c.name, () => check(c, () => buildRequest(c)))
})

test('amounts', async (t) => {
  const file = vectors('amounts.json')
  for (const c of file.valid) {
    await t.test(`valid ${c.text}`, () => assert.deepEqual(latipay.parseAmount(c.text), { text: c.text, minorUnits: c.minor_units }))
  }
  for (const c of file.invalid) {
    await t.test(`invalid ${JSON.stringify(c.text)}`, () => {
      assert.throws(() => latipay.parseAmount(c.text), (e) => e instanceof latipay.LatipayError && e.code === c.code)
    })
  }
})

test('status transitions', async (t) => {
  for (const c of vectors('statuses.json').transitions) {
    await t.test(`${c.from} -> ${c.to}`, () => assert.equal(latipay.transition(c.from, c.to), c.expect))
  }
})

for (const c of vectors('orders.json').cases) {
  test(`orders: ${c.name}`, () => {
    const payment = latipay.verifyNotification(c.body, c.api_key)
    const order = {
      merchantReference: c.order.merchant_reference,
      paymentMethod: c.order.payment_method,
      currency: c.order.currency,
      amount: c.order.amount,
      status: 'pending', // a stored order's other properties are not read
    }
    check(c, () => latipay.matchesOrder(payment, order))
  })
}

test('matchesOrder takes only what the package verified, frozen', async () => {
  const c = vectors('orders.json').cases[0]
  const order = { merchantReference: c.order.merchant_reference, paymentMethod: c.order.payment_method, currency: c.order.currency, amount: c.order.amount }
  const fields = Object.fromEntries(new URLSearchParams(c.body))
  const lookalike = { merchantReference: fields.merchant_reference, paymentMethod: fields.payment_method, status: fields.status, currency: fields.currency, amount: fields.amount }
  assert.throws(() => latipay.matchesOrder(lookalike, order), (e) => e instanceof TypeError && e.code === 'invalid_argument' && e.field === 'payment')
  const payment = latipay.verifyNotification(c.body, c.api_key)
  assert.equal(latipay.matchesOrder(payment, order), true)
  assert.ok(Object.isFrozen(payment) && Object.isFrozen(payment.extra))
  assert.throws(() => { 'use strict'; payment.amount = '0.01' }, TypeError)
  assert.throws(() => latipay.matchesOrder({ ...payment }, order), TypeError, "a copy is not what was verified")
})
