'use strict'
// The api_key never shows: not in util.inspect, JSON.stringify or an error,
// not even when a server echoes it back or it is passed by mistake elsewhere.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const util = require('node:util')

const latipay = require('..')

const SECRET = 's3cr3t-api-key-0042'
const LONG_SECRET = 'k+/='.repeat(20) + 's3cr3t'

/** Everything a log could show of a value. */
const shown = (value) => [util.inspect(value, { showHidden: true, depth: 5 }), JSON.stringify(value) ?? '', String(value),
  value instanceof Error ? value.stack : ''].join('\n')

test('a client and credentials show no key', () => {
  const client = new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET })
  const credentials = new latipay.Credentials('U1', 'W1', SECRET)
  for (const value of [client, credentials]) assert.ok(!shown(value).includes(SECRET), shown(value))
  assert.equal(client.userId, 'U1')
  assert.equal(client.apiKey, undefined)
})

test('a key echoed by a server is redacted from the error', async () => {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 206, message: `bad signature for key ${SECRET}` }))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  try {
    const client = new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET, baseUrl: `http://127.0.0.1:${server.address().port}` })
    await assert.rejects(client.query('order-1'), (e) => {
      assert.equal(e.code, 'api_error')
      assert.ok(!shown(e).includes(SECRET), shown(e))
      assert.ok(e.apiMessage.includes('[REDACTED]'))
      return true
    })
  } finally {
    server.close()
  }
})

const MISTAKES = [
  ['key as user id', () => new latipay.Credentials(SECRET + ' ', 'W1', SECRET)],
  ['long key as user id', () => new latipay.Credentials(LONG_SECRET, 'W1', LONG_SECRET)],
  ['key as environment', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET, environment: SECRET })],
  ['key in base url', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET, baseUrl: `ftp://${SECRET}` })],
  ['key in a notification', () => latipay.verifyNotification(`merchant_reference=${SECRET}&merchant_reference=x`, SECRET)],
  ['key in a create answer', () => latipay.parseCreateResponse(`not json ${SECRET}`, SECRET)],
  ['key as amount', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET }).createTransactionSync({
    merchantReference: 'o-1', amount: SECRET, paymentMethod: 'alipay', productName: 'p', callbackUrl: 'https://a.example/n', ip: '1.2.3.4', returnUrl: 'https://a.example/r',
  })],
  ['key as payment method', () => latipay.createTransactionRequest(new latipay.Credentials('U1', 'W1', SECRET), {
    merchantReference: 'o-1', amount: '1.00', paymentMethod: SECRET, productName: 'p', callbackUrl: 'https://a.example/n', ip: '1.2.3.4', returnUrl: 'https://a.example/r',
  })],
  ['key as refund amount', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET }).refundSync({ orderId: 'o-1', refundAmount: SECRET })],
  ['key as refund amount, Promise form', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET }).refund({ orderId: 'o-1', refundAmount: SECRET })],
  ['key as a config option name', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET, [SECRET]: true })],
  ['key inside a config option name', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET, ['x' + SECRET]: 1 })],
  ['key as a create option name', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET }).createTransaction({ [SECRET]: 1 })],
  ['key as a query option name', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET }).querySync('o-1', { [SECRET]: true })],
  ['key as a wire option name', () => latipay.refundRequest(new latipay.Credentials('U1', 'W1', SECRET), { [SECRET]: '1' })],
  ['key as a parameter name (native)', () => latipay.sign({ [SECRET]: 1 }, SECRET)],
  ['key as a parameter name, lone surrogate', () => latipay.sign({ [SECRET]: '\ud800' }, SECRET)],
  ['key as a verifySorted name', () => latipay.verifySorted({ [SECRET]: 1 }, SECRET, '0'.repeat(64))],
  ['key as an outcome option name', () => latipay.signOutcome({ [SECRET]: 'x' }, SECRET)],
  ['base url with a password', () => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET, baseUrl: 'https://merchant:s3cr3t-pw@api.example' })],
]

for (const [name, call] of MISTAKES) {
  test(`no key in the error: ${name}`, async () => {
    // A Promise method rejects with the error; everything else throws it.
    const settled = async () => call()
    await assert.rejects(settled, (e) => {
      assert.ok(e instanceof latipay.LatipayError || (e instanceof TypeError && e.code === 'invalid_argument'), String(e))
      assert.ok(!shown(e).includes('s3cr3t'), shown(e))
      return true
    })
  })
}

test('a base url with credentials is refused as invalid_argument on base_url', () => {
  for (const baseUrl of ['http://pa55word@127.0.0.1:8450', 'https://merchant:2024/pa55word@api.example', 'https://merchant:pa55?word#x@api.example']) {
    assert.throws(() => new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: SECRET, baseUrl }),
      (e) => e.code === 'invalid_argument' && e.field === 'base_url' && !shown(e).includes('pa55'), baseUrl)
  }
})
