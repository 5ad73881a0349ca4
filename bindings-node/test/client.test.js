'use strict'
// Every Client operation over real HTTP against the sandbox binary, Promise
// and Sync forms, and the failures a merchant meets in production.

const test = require('node:test')
const assert = require('node:assert/strict')
const net = require('node:net')

const latipay = require('..')
const { DEMO, startSandbox, startMerchant, reference, customer, deliveries, eventually } = require('./support')

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

test('the client against the sandbox', async (t) => {
  const sandbox = await startSandbox()
  const merchant = await startMerchant()
  const client = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl })
  const order = (ref, changes) => ({
    merchantReference: ref, amount: '12.30', paymentMethod: 'alipay', productName: 'Pinot Noir, Otago',
    callbackUrl: merchant.callbackUrl, ip: '122.122.122.1', returnUrl: 'https://shop.example/done', ...changes,
  })
  t.after(async () => { await merchant.stop(); await sandbox.stop() })

  await t.test('hosted payment: create, pay, verified notification, query', async () => {
    const ref = reference()
    const created = await client.createTransaction(order(ref))
    assert.equal(created.paymentUrl, `${created.hostUrl}/${created.nonce}`)
    assert.ok(created.paymentUrl.startsWith(sandbox.baseUrl))
    assert.equal((await client.query(ref)).status, 'pending')
    await customer(sandbox.baseUrl, 'pay', ref)
    const [notification] = await eventually(() => merchant.notificationsFor(ref).length && merchant.notificationsFor(ref))
    assert.deepEqual([notification.status, notification.amount, notification.currency], ['paid', '12.30', 'NZD'])
    const paid = await client.query(ref)
    assert.equal(paid.status, 'paid')
    assert.equal(paid.orderId, notification.orderId)
    assert.ok(paid.payTime instanceof Date && !Number.isNaN(paid.payTime.getTime()))
    assert.equal(latipay.transition('pending', paid.status), 'advance')
    assert.deepEqual((await deliveries(sandbox.baseUrl, ref)).map((d) => d.delivered), [true])
  })

  await t.test('merchant-hosted QR code, then a blocking query', async () => {
    const ref = reference()
    const created = await client.createTransaction(order(ref, { paymentMethod: 'wechat', amount: '8.00', returnUrl: undefined, merchantHosted: true }))
    const gateway = await client.gatewayData(created)
    assert.deepEqual([gateway.merchantReference, gateway.amount, gateway.paymentMethod, gateway.nonce], [ref, '8.00', 'wechat', created.nonce])
    assert.ok(Buffer.isBuffer(gateway.qrCodePng) && gateway.qrCodePng.subarray(0, 8).equals(PNG_MAGIC))
    setTimeout(() => customer(sandbox.baseUrl, 'pay', ref), 300)
    assert.equal((await client.query(ref, { block: true })).status, 'paid')
  })

  await t.test('the event loop keeps ticking during a 2 s blocking query', async () => {
    const ref = reference()
    await client.createTransaction(order(ref))
    let ticks = 0
    const timer = setInterval(() => { ticks += 1 }, 10)
    const started = Date.now()
    const payment = await client.query(ref, { block: true }) // nobody pays: the sandbox answers after 2 s
    const waited = Date.now() - started
    clearInterval(timer)
    assert.equal(payment.status, 'pending')
    assert.ok(waited >= 1900, `the query was held ${waited} ms`)
    assert.ok(ticks >= 50, `the event loop ticked only ${ticks} times in ${waited} ms`)
  })

  await t.test('refund partly, then too much', async () => {
    const ref = reference()
    await client.createTransaction(order(ref))
    await customer(sandbox.baseUrl, 'pay', ref)
    const { orderId } = await client.query(ref)
    assert.equal(await client.refund({ orderId, refundAmount: '2.30', reference: 'broken cork' }), undefined)
    assert.equal(client.refundSync({ orderId, refundAmount: '5.00' }), undefined)
    await assert.rejects(client.refund({ orderId, refundAmount: '5.01' }), { code: 'api_error', apiCode: 550 })
  })

  await t.test('cancel a pending order, and a paid one is refused', async () => {
    const ref = reference()
    await client.createTransaction(order(ref))
    assert.equal(await client.cancel(ref), undefined)
    assert.equal(client.querySync(ref).status, 'canceled')
    const paid = reference()
    client.createTransactionSync(order(paid))
    await customer(sandbox.baseUrl, 'pay', paid)
    assert.throws(() => client.cancelSync(paid), { code: 'api_error', apiCode: 900 })
  })

  await t.test('barcode, then a blocking query', async () => {
    const ref = reference()
    const accepted = await client.barcode({ merchantReference: ref, amount: '0.05', payCode: '134588558514585069' })
    assert.ok(accepted.orderId)
    let payment = await client.query(ref)
    if (payment.status === 'pending') payment = await client.query(ref, { block: true })
    assert.deepEqual([payment.status, payment.paymentMethod, payment.orderId], ['paid', 'wechat', accepted.orderId])
    const declined = reference()
    client.barcodeSync({ merchantReference: declined, amount: '0.05', payCode: '134588558514585060' })
    assert.equal(client.querySync(declined).status, 'failed')
  })

  await t.test('gateway data, sync', async () => {
    const ref = reference()
    const created = client.createTransactionSync(order(ref, { returnUrl: undefined, merchantHosted: true }))
    assert.equal(client.gatewayDataSync(created).merchantReference, ref)
  })

  await t.test('an unknown order and a wrong key are Latipay errors', async () => {
    await assert.rejects(client.query('never-created'), (e) => e instanceof latipay.LatipayError && e.apiCode === 201)
    const wrong = new latipay.Client({ ...DEMO, apiKey: 'not-the-key', baseUrl: sandbox.baseUrl })
    await assert.rejects(wrong.query('anything'), { code: 'api_error', apiCode: 206 })
  })

  await t.test('many calls at once on one client', async () => {
    const refs = Array.from({ length: 8 }, reference)
    await Promise.all(refs.map((ref) => client.createTransaction(order(ref))))
    const answers = await Promise.all(refs.flatMap((ref) => [1, 2, 3].map(() => client.query(ref))))
    assert.equal(answers.length, 24)
    assert.ok(answers.every((p) => refs.includes(p.merchantReference)))
  })
})

test('nothing listening is a transport error', async () => {
  const port = await new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) }) })
  const client = new latipay.Client({ ...DEMO, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 })
  await assert.rejects(client.cancel('order-1'), (e) => e instanceof latipay.LatipayError && e.code === 'transport')
})

test('a silent server is a timeout', async () => {
  const silent = net.createServer(() => {})
  await new Promise((r) => silent.listen(0, '127.0.0.1', r))
  try {
    const client = new latipay.Client({ ...DEMO, baseUrl: `http://127.0.0.1:${silent.address().port}`, timeoutMs: 500 })
    await assert.rejects(client.cancel('order-1'), { code: 'timeout' })
  } finally {
    silent.close()
  }
})
