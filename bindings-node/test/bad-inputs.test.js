'use strict'
// Bad input gets a typed error with a stable code: a TypeError for a value of
// the wrong JavaScript type (which is also `instanceof LatipayError`), a
// LatipayError otherwise; never a crash, never a
// silent default. Each row: what is called, the class, the code, the field.

const test = require('node:test')
const assert = require('node:assert/strict')

const latipay = require('..')

const KEY = '111222333'
const CREDS = new latipay.Credentials('U000334333', 'W00000001', KEY)
const NOTIFICATION = 'merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay&status=paid' +
  '&pay_time=2017-07-07%2010%3A53%3A50&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1'
const REDIRECT = 'merchant_reference=dsi39ej430sks03&payment_method=alipay&status=paid&currency=NZD&amount=100.00' +
  '&signature=af44a20896aa5c9e28f816eedc71043c1e17929444c988844830ae4ea8ecb622'

const create = (changes) => latipay.createTransactionRequest(CREDS, {
  merchantReference: 'order-1', amount: '12.30', paymentMethod: 'alipay', productName: 'Pinot Noir',
  callbackUrl: 'https://shop.example/notify', ip: '122.122.122.1', returnUrl: 'https://shop.example/done', ...changes,
})
const client = (changes) => new latipay.Client({ userId: 'U000334333', walletId: 'W00000001', apiKey: KEY, baseUrl: 'http://127.0.0.1:9', ...changes })

const T = TypeError
const L = latipay.LatipayError

// [name, call, class, code, field]
const BAD = [
  ['number amount', () => create({ amount: 12.3 }), T, 'invalid_argument', 'amount'],
  ['integer amount', () => create({ amount: 12 }), T, 'invalid_argument', 'amount'],
  ['bigint amount', () => create({ amount: 12n }), T, 'invalid_argument', 'amount'],
  ['boolean amount', () => create({ amount: true }), T, 'invalid_argument', 'amount'],
  ['missing amount', () => create({ amount: undefined }), T, 'invalid_argument', 'amount'],
  ['null amount', () => create({ amount: null }), T, 'invalid_argument', 'amount'],
  ['object amount', () => create({ amount: { value: '12.30' } }), T, 'invalid_argument', 'amount'],
  ['three decimals', () => create({ amount: '12.305' }), L, 'invalid_argument', 'amount'],
  ['negative', () => create({ amount: '-1.00' }), L, 'invalid_argument', 'amount'],
  ['zero', () => create({ amount: '0.00' }), L, 'invalid_argument', 'amount'],
  ['exponent', () => create({ amount: '1e3' }), L, 'invalid_argument', 'amount'],
  ['comma', () => create({ amount: '12,30' }), L, 'invalid_argument', 'amount'],
  ['number refund', () => latipay.refundRequest(CREDS, { orderId: 'o-1', refundAmount: 1.5 }), T, 'invalid_argument', 'refund_amount'],
  ['number barcode', () => latipay.barcodeRequest(CREDS, { merchantReference: 'p-1', amount: 0.05, payCode: '134588558514585062' }), T, 'invalid_argument', 'amount'],
  ['number parseAmount', () => latipay.parseAmount(0.1), T, 'invalid_argument', 'amount'],
  ['number outcome amount', () => latipay.signOutcome({ merchantReference: 'r', paymentMethod: 'alipay', status: 'paid', currency: 'NZD', amount: 1 }, KEY), T, 'invalid_argument', 'amount'],
  ['empty reference', () => create({ merchantReference: '' }), L, 'invalid_argument', 'merchant_reference'],
  ['reference as a number', () => create({ merchantReference: 1001 }), T, 'invalid_argument', 'merchant_reference'],
  ['reference with a slash', () => create({ merchantReference: 'a/b' }), L, 'invalid_argument', 'merchant_reference'],
  ['unknown method', () => create({ paymentMethod: 'bitcoin!' }), L, 'invalid_argument', 'payment_method'],
  ['mis-cased method', () => create({ paymentMethod: 'Alipay' }), L, 'invalid_argument', 'payment_method'],
  ['empty product', () => create({ productName: '' }), L, 'invalid_argument', 'product_name'],
  ['callback not http', () => create({ callbackUrl: 'ftp://shop.example/n' }), L, 'invalid_argument', 'callback_url'],
  ['return_url missing when hosted', () => create({ returnUrl: undefined }), L, 'invalid_argument', 'return_url'],
  ['ip not IPv4', () => create({ ip: '::1' }), L, 'invalid_argument', 'ip'],
  ['ip as a number', () => create({ ip: 2130706433 }), T, 'invalid_argument', 'ip'],
  ['presentQr on alipay', () => create({ presentQr: true }), L, 'invalid_argument', 'present_qr'],
  ['presentQr as 1', () => create({ presentQr: 1 }), T, 'invalid_argument', 'present_qr'],
  ['merchantHosted as a string', () => create({ merchantHosted: 'yes' }), T, 'invalid_argument', 'merchant_hosted'],
  ['bad backPageUrl', () => create({ backPageUrl: 'javascript:alert(1)' }), L, 'invalid_argument', 'backPage_url'],
  ['misspelt option', () => create({ callbackURL: 'https://shop.example/n' }), T, 'invalid_argument', 'options'],
  ['options as a string', () => latipay.createTransactionRequest(CREDS, 'order-1'), T, 'invalid_argument', 'options'],
  ['options as an array', () => latipay.refundRequest(CREDS, ['o-1', '1.00']), T, 'invalid_argument', 'options'],
  ['refund without order id', () => latipay.refundRequest(CREDS, { orderId: '', refundAmount: '1.00' }), L, 'invalid_argument', 'order_id'],
  ['refund misspelt option', () => latipay.refundRequest(CREDS, { orderID: 'o-1', refundAmount: '1.00' }), T, 'invalid_argument', 'options'],
  ['barcode code too short', () => latipay.barcodeRequest(CREDS, { merchantReference: 'p-1', amount: '0.05', payCode: '12' }), L, 'invalid_argument', 'pay_code'],
  ['barcode code as a number', () => latipay.barcodeRequest(CREDS, { merchantReference: 'p-1', amount: '0.05', payCode: 134588558514585 }), T, 'invalid_argument', 'pay_code'],
  ['cancel empty reference', () => latipay.cancelRequest(CREDS, ''), L, 'invalid_argument', 'merchant_reference'],
  ['query block as 1', () => latipay.queryRequest(CREDS, 'order-1', { block: 1 }), T, 'invalid_argument', 'block'],
  ['query unknown option', () => latipay.queryRequest(CREDS, 'order-1', { wait: true }), T, 'invalid_argument', 'options'],
  ['empty api key', () => new latipay.Credentials('U1', 'W1', ''), L, 'invalid_argument', 'api_key'],
  ['api key as null', () => new latipay.Credentials('U1', 'W1', null), T, 'invalid_argument', 'api_key'],
  ['empty user id', () => new latipay.Credentials('', 'W1', KEY), L, 'invalid_argument', 'user_id'],
  ['wallet id with a space', () => new latipay.Credentials('U1', 'W 1', KEY), L, 'invalid_argument', 'wallet_id'],
  ['unknown environment', () => client({ baseUrl: undefined, environment: 'prod' }), L, 'invalid_argument', 'environment'],
  ['environment and baseUrl', () => client({ environment: 'production' }), L, 'invalid_argument', 'base_url'],
  ['baseUrl not a URL', () => client({ baseUrl: 'latipay' }), L, 'invalid_argument', 'base_url'],
  ['baseUrl ftp', () => client({ baseUrl: 'ftp://127.0.0.1' }), L, 'invalid_argument', 'base_url'],
  ['negative timeout', () => client({ timeoutMs: -1 }), L, 'invalid_argument', 'timeout'],
  ['NaN timeout', () => client({ timeoutMs: NaN }), L, 'invalid_argument', 'timeout'],
  ['timeout as a string', () => client({ timeoutMs: '5000' }), T, 'invalid_argument', 'timeout'],
  ['timeout over a day', () => client({ timeoutMs: 86_400_001 }), L, 'invalid_argument', 'timeout'],
  ['block timeout under 180 s', () => client({ blockTimeoutMs: 60_000 }), L, 'invalid_argument', 'block_timeout'],
  ['fractional retries', () => client({ maxRetries: 1.5 }), L, 'invalid_argument', 'max_retries'],
  ['too many retries', () => client({ maxRetries: 11 }), L, 'invalid_argument', 'max_retries'],
  ['misspelt config', () => client({ timeout: 5000 }), T, 'invalid_argument', 'config'],
  ['config missing', () => new latipay.Client(), T, 'invalid_argument', 'config'],
  ['sign a number value', () => latipay.sign({ amount: 12 }, KEY), T, 'invalid_argument', 'amount'],
  ['sign an array', () => latipay.sign([['a', '1']], KEY), T, 'invalid_argument', 'params'],
  ['gateway data of a wrong object', () => client().gatewayDataSync({ hostUrl: 1, nonce: 'n', paymentUrl: 'u' }), T, 'invalid_argument', 'host_url'],
  ['gateway data of a string', () => client().gatewayDataSync('https://pay.example/n'), T, 'invalid_argument', 'created'],
  ['sign a Map', () => latipay.sign(new Map([['a', '1']]), KEY), T, 'invalid_argument', 'params'],
  ['sign a Date', () => latipay.sign(new Date(), KEY), T, 'invalid_argument', 'params'],
  ['options as a class instance', () => latipay.refundRequest(CREDS, new (class { constructor() { this.orderId = 'o'; this.refundAmount = '1.00' } })()), T, 'invalid_argument', 'options'],
  ['sign with an empty key', () => latipay.sign({ a: '1' }, ''), L, 'invalid_argument', 'api_key'],
  ['sign with a key as a number', () => latipay.sign({ a: '1' }, 111222333), T, 'invalid_argument', 'api_key'],
  ['sign with an empty name', () => latipay.sign({ '': '1' }, KEY), L, 'invalid_argument', ''],
  ['signConcat of a string', () => latipay.signConcat('abc', KEY), T, 'invalid_argument', 'parts'],
  ['signConcat of numbers', () => latipay.signConcat([1, 2], KEY), T, 'invalid_argument', 'parts'],
  ['signConcat with an empty key', () => latipay.signConcat(['a'], ''), L, 'invalid_argument', 'api_key'],
  ['signConcat with a blank key', () => latipay.signConcat(['a'], ' \t'), L, 'invalid_argument', 'api_key'],
  ['sign with a blank key', () => latipay.sign({ a: '1' }, '  '), L, 'invalid_argument', 'api_key'],
  ['signOutcome with a blank key', () => latipay.signOutcome({ merchantReference: 'r', paymentMethod: 'alipay', status: 'paid', currency: 'NZD', amount: '1.00' }, ' '), L, 'invalid_argument', 'api_key'],
  ['transition of undefined', () => latipay.transition(undefined, 'paid'), T, 'invalid_argument', 'stored'],
  ['notification with a wrong key', () => latipay.verifyNotification(NOTIFICATION, 'wrong'), L, 'invalid_signature'],
  ['notification amount changed', () => latipay.verifyNotification(NOTIFICATION.replace('120.00', '1.00'), KEY), L, 'invalid_signature'],
  ['notification status changed', () => latipay.verifyNotification(NOTIFICATION.replace('=paid', '=pending'), KEY), L, 'invalid_signature'],
  ['notification without signature', () => latipay.verifyNotification(NOTIFICATION.split('&signature')[0], KEY), L, 'invalid_signature'],
  ['notification field twice', () => latipay.verifyNotification(NOTIFICATION + '&amount=120.00', KEY), L, 'malformed_response'],
  ['notification not UTF-8', () => latipay.verifyNotification(Buffer.from([0x61, 0x3d, 0xff, 0xfe]), KEY), L, 'malformed_response'],
  ['notification as an object', () => latipay.verifyNotification({ a: '1' }, KEY), T, 'invalid_argument', 'body'],
  ['notification as a number', () => latipay.verifyNotification(42, KEY), T, 'invalid_argument', 'body'],
  ['notification with an empty key', () => latipay.verifyNotification(NOTIFICATION, ''), L, 'invalid_argument', 'api_key'],
  ['redirect tampered', () => latipay.verifyRedirect(REDIRECT.replace('100.00', '1.00'), KEY), L, 'invalid_signature'],
  ['redirect URL without query', () => latipay.verifyRedirect('https://shop.example/done', KEY), L, 'malformed_response'],
  ['redirect as a Buffer', () => latipay.verifyRedirect(Buffer.from(REDIRECT), KEY), T, 'invalid_argument', 'url_or_query'],
  ['create answer not JSON', () => latipay.parseCreateResponse('<html>', KEY), L, 'malformed_response'],
  ['create answer as a Buffer', () => latipay.parseCreateResponse(Buffer.from('{}'), KEY), T, 'invalid_argument', 'body'],
  ['query answer with an error code', () => latipay.parseQueryResponse('{"code":201,"message":"no"}', KEY, 'x'), L, 'api_error'],
  // Text that is not valid Unicode (a lone surrogate) is refused, never signed as U+FFFD.
  ['surrogate in a reference', () => create({ merchantReference: 'a\ud800' }), L, 'invalid_argument', 'merchant_reference'],
  ['surrogate in a param value', () => latipay.sign({ a: '\ud800' }, KEY), L, 'invalid_argument', 'a'],
  ['surrogate in a param name', () => latipay.sign({ '\udfff': '1' }, KEY), L, 'invalid_argument', 'params'],
  ['surrogate in the key', () => latipay.sign({ a: '1' }, 'k\udfff'), L, 'invalid_argument', 'api_key'],
  ['surrogate in a string body', () => latipay.verifyNotification('a=\ud800', KEY), L, 'invalid_argument', 'body'],
  ['surrogate in an amount', () => create({ amount: '1\ud800' }), L, 'invalid_argument', 'amount'],
  ['barcode answer without order id', () => latipay.parseBarcodeResponse('{"code":0,"message":"ok"}'), L, 'malformed_response'],
  // The request builders take a Credentials, never the plain object a Client takes.
  ['plain credentials (create)', () => latipay.createTransactionRequest({ userId: 'U1', walletId: 'W1', apiKey: KEY }, {}), T, 'invalid_argument', 'credentials'],
  ['missing credentials (query)', () => latipay.queryRequest(undefined, 'r'), T, 'invalid_argument', 'credentials'],
  ['a Client as credentials (refund)', () => latipay.refundRequest(client(), { orderId: 'o', refundAmount: '1.00' }), T, 'invalid_argument', 'credentials'],
  ['a string as credentials (cancel)', () => latipay.cancelRequest(KEY, 'r'), T, 'invalid_argument', 'credentials'],
  ['null credentials (barcode)', () => latipay.barcodeRequest(null, {}), T, 'invalid_argument', 'credentials'],
]

test('a surrogate pair (an emoji) and a real U+FFFD are signed as their UTF-8', () => {
  const crypto = require('node:crypto')
  for (const value of ['\u4e2d\ud83d\ude00', 'a\ufffdb']) {
    const expected = crypto.createHmac('sha256', KEY).update(`a=${value}${KEY}`).digest('hex')
    assert.equal(latipay.sign({ a: value }, KEY), expected, value)
    assert.equal(latipay.sortedMessage({ a: value }), `a=${value}`)
  }
})

test('Client and Credentials cannot be called without new', () => {
  assert.throws(() => latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: KEY }), TypeError)
  assert.throws(() => latipay.Credentials('U1', 'W1', KEY), TypeError)
})

test('the Promise methods reject on bad arguments, never throw', async () => {
  const c = client()
  const calls = {
    createTransaction: () => c.createTransaction({ amount: 1 }),
    gatewayData: () => c.gatewayData('https://pay.example/n'),
    query: () => c.query(5),
    refund: () => c.refund({ orderId: 'o-1', refundAmount: 1.5 }),
    cancel: () => c.cancel(5),
    barcode: () => c.barcode({ merchantReference: 'p-1', amount: '0.05', payCode: 12 }),
  }
  for (const [name, call] of Object.entries(calls)) {
    let promise
    assert.doesNotThrow(() => { promise = call() }, name)
    assert.ok(promise instanceof Promise, name)
    await assert.rejects(promise, (e) => e.code === 'invalid_argument', name)
  }
})

test('an unsigned field named __proto__ is kept as an own field, not dropped or used as a prototype', () => {
  const signed = { merchantReference: 'r1', paymentMethod: 'alipay', status: 'paid', currency: 'NZD', amount: '1.00' }
  const body = 'merchant_reference=r1&payment_method=alipay&status=paid&currency=NZD&amount=1.00' +
    `&__proto__=evil&constructor=c&note=a&signature=${latipay.signOutcome(signed, KEY)}`
  const { extra } = latipay.verifyNotification(body, KEY)
  assert.deepEqual(Object.keys(extra), ['__proto__', 'constructor', 'note'])
  assert.equal(Object.getOwnPropertyDescriptor(extra, '__proto__').value, 'evil')
  assert.equal(Object.getPrototypeOf(extra), Object.prototype)
  assert.equal(JSON.stringify(extra), '{"__proto__":"evil","constructor":"c","note":"a"}')
})

test('there are at least fifty bad inputs', () => assert.ok(BAD.length >= 50))

for (const [name, call, cls, code, field] of BAD) {
  test(`bad input: ${name}`, () => {
    assert.throws(call, (e) => {
      // A wrong type is a TypeError; every one of them is a LatipayError too.
      assert.ok(e instanceof cls && e instanceof L, `${name}: ${e.constructor.name}: ${e.message}`)
      assert.equal(e instanceof TypeError, cls === T, `${name}: ${e.constructor.name}: ${e.message}`)
      assert.equal(e.code, code, e.message)
      assert.ok(e.message.length > 0, 'every error says why')
      if (field !== undefined) assert.equal(e.field, field, e.message)
      return true
    })
  })
}

test('a number amount is a TypeError that says why', () => {
  assert.throws(() => create({ amount: 0.1 }), { name: 'TypeError', message: /cannot hold money exactly/ })
})

test('an api error carries Latipay\'s code and message', () => {
  assert.throws(() => latipay.parseCancelResponse('{"code":900,"message":"The order has been paid."}'),
    { code: 'api_error', apiCode: 900, apiMessage: 'The order has been paid.' })
})

test('a NUL in a parameter is signed like any other character', () => {
  const params = { a: 'x\0y', b: '2' }
  const expected = require('node:crypto').createHmac('sha256', KEY).update(`a=x\0y&b=2${KEY}`).digest('hex')
  assert.equal(latipay.sign(params, KEY), expected)
})

test('a polluted Object.prototype gives no client a dispatcher, listener or signal', async () => {
  let dispatched = 0
  let listened = 0
  Object.prototype.dispatcher = { dispatch() { dispatched++; return true } }
  Object.prototype.onAttempt = () => { listened++ }
  Object.prototype.signal = 'not a signal'
  try {
    const polluted = client()
    await assert.rejects(polluted.query('r-1', {}), (err) => err.code === 'transport')
    await assert.rejects(polluted.cancel('r-1', {}), (err) => err.code === 'transport')
    await polluted.close()
  } finally {
    delete Object.prototype.dispatcher
    delete Object.prototype.onAttempt
    delete Object.prototype.signal
  }
  assert.equal(dispatched, 0, 'the polluted dispatcher got a request')
  assert.equal(listened, 0, 'the polluted listener was called')
})

test('a polluted Object.prototype is neither signed nor read as an option', () => {
  Object.prototype.amount = '1.00'
  Object.prototype.baseUrl = 'http://evil.example'
  try {
    assert.equal(latipay.sortedMessage({ merchant_reference: 'o1' }), 'merchant_reference=o1')
    assert.equal(latipay.sign({ merchant_reference: 'o1' }, KEY), latipay.sign(Object.assign(Object.create(null), { merchant_reference: 'o1' }), KEY))
    assert.equal(new latipay.Client({ userId: 'U1', walletId: 'W1', apiKey: KEY }).baseUrl, 'https://api.latipay.net')
  } finally {
    delete Object.prototype.amount
    delete Object.prototype.baseUrl
  }
})

test('the native binding alone still throws errors with the stable code and details', () => {
  const native = require('../native.js')
  assert.throws(() => native.parseCancelResponse('{"code":900,"message":"paid"}'), (e) => {
    assert.ok(e instanceof Error)
    assert.deepEqual([e.code, e.apiCode, e.apiMessage], ['api_error', 900, 'paid'])
    return true
  })
})

test('nothing verifies under an empty key', () => {
  const { createHmac } = require('node:crypto')
  const parts = ['dsi39ej430sks03', 'alipay', 'paid', 'NZD', '120.00']
  const emptyKeyMac = createHmac('sha256', '').update(parts.join('')).digest('hex')
  assert.equal(latipay.verifyConcat(parts, '', emptyKeyMac), false)
  for (const blank of [' ', '\t', '\u3000', '\u200b']) {
    const forged = createHmac('sha256', blank).update(parts.join('')).digest('hex')
    assert.equal(latipay.verifyConcat(parts, blank, forged), false)
    const sorted = createHmac('sha256', blank).update(`a=1${blank}`).digest('hex')
    assert.equal(latipay.verifySorted({ a: '1' }, blank, sorted), false)
  }
  assert.equal(latipay.verifyConcat(parts, KEY, latipay.signConcat(parts, KEY)), true)
})

test('instanceof LatipayError: latipay\'s errors only, also from another realm on the same thread', () => {
  assert.ok(!(new TypeError('x') instanceof L), 'a plain TypeError')
  assert.ok(!({ code: 'invalid_argument', field: 'amount' } instanceof L), 'an object with a code')
  assert.ok(!(null instanceof L) && !('invalid_argument' instanceof L))
  // A copy of index.js run in a vm context, its addon through this realm's require (as Jest
  // does): the addon then makes that realm's classes, and this realm must still know them.
  const vm = require('node:vm')
  const fs = require('node:fs')
  const path = require('node:path')
  const dir = path.join(__dirname, '..')
  const context = vm.createContext({ process, Buffer, AbortSignal, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout })
  const load = (file) => {
    const module = { exports: {} }
    const localRequire = (name) => name.startsWith('.') ? (name.endsWith('.node') ? require(path.resolve(dir, name)) : load(path.resolve(dir, name.endsWith('.js') ? name : `${name}.js`))) : require(name)
    vm.compileFunction(fs.readFileSync(file, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { parsingContext: context })(module.exports, localRequire, module, file, dir)
    return module.exports
  }
  const thrown = (call) => {
    try { call() } catch (error) { return error }
    assert.fail('it did not throw')
  }
  const other = load(path.join(dir, 'index.js'))
  assert.notEqual(other.LatipayError, L)
  for (const [realm, api] of [['this realm', latipay], ['the vm realm', other]]) {
    for (const call of [() => api.sign({ a: '1' }, ''), () => api.parseAmount(1)]) {
      const error = thrown(call)
      assert.ok(error instanceof L && error instanceof other.LatipayError, `${realm}: ${error.message}`)
      assert.equal(error.code, 'invalid_argument')
    }
  }
})
