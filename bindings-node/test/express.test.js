'use strict'
// The Express example over real HTTP: a customer pays on the sandbox's hosted
// page, the sandbox notifies the shop, the handler verifies the raw body and
// answers `sent`. Also the example started as its header says.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const net = require('node:net')
const path = require('node:path')

const latipay = require('..')
const { startSandbox } = require('latipay-sandbox')
const { SANDBOX_OPTIONS, reference, request, postForm, customerPresses, eventually } = require('./support')

const EXAMPLE = path.join(__dirname, '..', 'examples', 'express-app.js')

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server))
  })
}

test('the express shop', async (t) => {
  const sandbox = await startSandbox(SANDBOX_OPTIONS)
  const { userId, walletId, apiKey } = sandbox.merchant
  const client = new latipay.Client({ userId, walletId, apiKey, baseUrl: sandbox.url })
  // The app needs its own URL: reserve the port first, then serve on it.
  const { createApp } = require(EXAMPLE)
  const probe = await listen(require('express')())
  const port = probe.address().port
  await new Promise((r) => probe.close(r))
  const shop = `http://127.0.0.1:${port}`
  const server = await new Promise((resolve) => {
    const s = createApp(client, apiKey, shop).listen(port, '127.0.0.1', () => resolve(s))
  })
  t.after(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); await sandbox.close() })
  const order = async (ref) => { const a = await request(`${shop}/orders/${ref}`); return a.status === 200 ? JSON.parse(a.body) : null }

  await t.test('a customer pays and the handler verifies the notification', async () => {
    const ref = reference()
    const checkout = await request(`${shop}/checkout/${ref}`, { method: 'POST' })
    assert.equal(checkout.status, 303)
    assert.ok(checkout.headers.location.startsWith(sandbox.url))
    const back = await customerPresses(checkout.headers.location, 'pay')
    assert.ok(back.startsWith(`${shop}/latipay/return?`))
    const page = await request(back)
    assert.equal(page.status, 200)
    assert.equal(page.body, `Payment paid for order ${ref} (NZD 12.30).`)
    await eventually(async () => (await order(ref)).status === 'paid')
    assert.deepEqual(await order(ref), { merchantReference: ref, paymentMethod: 'alipay', currency: 'NZD', amount: '12.30', status: 'paid' })
    // The shop stores the order before it answers; the sandbox records the answer after.
    await eventually(async () => (await sandbox.notifications(ref))[0]?.delivered === true)
    const [delivery] = await sandbox.notifications(ref)
    assert.deepEqual(delivery.attempts.map((a) => a.outcome), ['sent'])
    assert.equal((await request(`${shop}/checkout/${ref}`, { method: 'POST' })).status, 409)
  })

  await t.test('a forged notification is rejected', async () => {
    const ref = reference()
    await request(`${shop}/checkout/${ref}`, { method: 'POST' })
    const forged = await postForm(`${shop}/latipay/notify`, {
      merchant_reference: ref, payment_method: 'alipay', status: 'paid', currency: 'NZD', amount: '12.30', signature: '0'.repeat(64),
    })
    assert.equal(forged.status, 400)
    assert.equal((await order(ref)).status, 'pending')
  })

  for (const [name, paid] of [['another amount', { amount: '0.01' }], ['another currency', { currency: 'AUD' }], ['another method', { paymentMethod: 'wechat' }]]) {
    await t.test(`a signed notification for ${name} is acknowledged and changes nothing`, async () => {
      const ref = reference()
      await request(`${shop}/checkout/${ref}`, { method: 'POST' })
      const fields = { merchantReference: ref, paymentMethod: 'alipay', status: 'paid', currency: 'NZD', amount: '12.30', ...paid }
      const notified = await postForm(`${shop}/latipay/notify`, {
        merchant_reference: fields.merchantReference, payment_method: fields.paymentMethod, status: fields.status,
        currency: fields.currency, amount: fields.amount, signature: latipay.signOutcome(fields, apiKey),
      })
      assert.equal(notified.body, latipay.NOTIFICATION_ACK)
      assert.equal((await order(ref)).status, 'pending')
    })
  }

  await t.test('a huge notification is refused before it is read', async () => {
    const huge = await request(`${shop}/latipay/notify`, {
      method: 'POST', body: 'a=1&'.repeat(50_000), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(huge.status, 413)
  })

  await t.test('a tampered redirect is rejected', async () => {
    const ref = reference()
    const checkout = await request(`${shop}/checkout/${ref}`, { method: 'POST' })
    const back = await customerPresses(checkout.headers.location, 'pay')
    assert.equal((await request(back.replace('amount=12.30', 'amount=0.01'))).status, 400)
  })

  await t.test('a replayed notification is acknowledged and changes nothing', async () => {
    const ref = reference()
    const checkout = await request(`${shop}/checkout/${ref}`, { method: 'POST' })
    await customerPresses(checkout.headers.location, 'pay')
    await eventually(async () => (await order(ref)).status === 'paid')
    const [delivery] = await sandbox.notifications(ref)
    const replay = await request(`${shop}/latipay/notify`, {
      method: 'POST', body: delivery.body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(replay.body, latipay.NOTIFICATION_ACK)
    assert.equal((await order(ref)).status, 'paid')
  })
})

test('the example runs as its header says', async (t) => {
  const sandbox = await startSandbox()
  const port = await new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) }) })
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LATIPAY_')))
  const child = spawn(process.execPath, [EXAMPLE], {
    env: { ...env, LATIPAY_BASE_URL: sandbox.url, PORT: String(port) },
    stdio: 'ignore',
  })
  t.after(async () => { child.kill(); await sandbox.close() })
  const shop = `http://127.0.0.1:${port}`
  await eventually(() => request(`${shop}/orders/none`).then(() => true, () => false), 30000)
  const ref = reference()
  const checkout = await request(`${shop}/checkout/${ref}`, { method: 'POST' })
  assert.equal(checkout.status, 303)
  const page = await request(await customerPresses(checkout.headers.location, 'pay'))
  assert.equal(page.status, 200)
  await eventually(async () => JSON.parse((await request(`${shop}/orders/${ref}`)).body).status === 'paid')
})
