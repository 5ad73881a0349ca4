'use strict'
// An Express shop taking Latipay payments with the `latipay` package.
//
// Against the local sandbox (`cargo run --locked -p latipay-sandbox` prints its URL),
// from bindings-node/, after `npm install express`:
//
//   LATIPAY_BASE_URL=http://127.0.0.1:8450 node examples/express-app.js   # port 3000 (PORT= to change)
//   curl -i -X POST http://127.0.0.1:3000/checkout/order-1001             # 303 to the pay page
//
// The three routes a merchant needs:
// * POST /checkout/:reference  creates the transaction and sends the customer to pay;
// * POST /latipay/notify       verifies the notification on the RAW body (express.raw, never
//                              express.urlencoded), holds it to the stored order (reference, method,
//                              currency, amount), applies it forward only, answers exactly `sent`;
// * GET  /latipay/return       the browser coming back: verified, shown, never acted on.

const express = require('express')
const latipay = require('latipay')

/** The currency of the Latipay wallet payments go to (the sandbox's demo wallet: NZD). */
const CURRENCY = process.env.LATIPAY_CURRENCY || 'NZD'

/** The shop; `publicUrl` is where Latipay and browsers reach it. */
function createApp(client, apiKey, publicUrl) {
  const app = express()
  const orders = new Map() // your database

  app.post('/checkout/:reference', async (req, res) => {
    const { reference } = req.params
    if (orders.has(reference)) return res.status(409).type('text').send('this order was already started')
    // What is ordered is stored before any await: the notification is held against it.
    const order = { merchantReference: reference, paymentMethod: 'alipay', currency: CURRENCY, amount: '12.30', status: 'starting' }
    orders.set(reference, order)
    try {
      const created = await client.createTransaction({
        merchantReference: reference,
        amount: order.amount, // money is text, never a number
        paymentMethod: order.paymentMethod,
        productName: 'Pinot Noir, Otago',
        callbackUrl: `${publicUrl}/latipay/notify`,
        returnUrl: `${publicUrl}/latipay/return`,
        ip: '122.122.122.1', // the customer's IPv4 (behind a proxy: from X-Forwarded-For)
      })
      orders.get(reference).status = 'pending'
      res.redirect(303, created.paymentUrl)
    } catch (err) {
      orders.delete(reference)
      console.error(`could not start the payment of ${reference}: ${err.message} (${err.code})`)
      res.status(502).type('text').send('the payment could not be started')
    }
  })

  // The raw bytes, exactly as Latipay sent them: verify before anything parses them.
  // A notification is a few hundred bytes and the callback URL is public: 64 kB at most.
  app.post('/latipay/notify', express.raw({ type: () => true, limit: '64kb' }), (req, res) => {
    let notification
    try {
      notification = latipay.verifyNotification(req.body, apiKey)
    } catch (err) { // forged, tampered or malformed
      console.warn(`rejected a notification: ${err.message} (${err.code})`)
      return res.status(400).type('text').send('rejected')
    }
    const reference = notification.merchantReference
    const order = orders.get(reference)
    if (!order) return res.status(400).type('text').send('unknown order') // Latipay will try again later
    // A valid signature proves Latipay sent it, not that it pays this order in
    // full: hold it to what was stored before anything changes.
    if (!latipay.matchesOrder(notification, order)) {
      console.error(`order ${reference}: paid ${notification.currency} ${notification.amount} by ${notification.paymentMethod}, not what was ordered: needs review`)
      return res.type('text').send(latipay.NOTIFICATION_ACK)
    }
    // Retries, replays and late arrivals are normal: only a forward move changes the order.
    const move = latipay.transition(order.status, notification.status)
    if (move === 'advance') order.status = notification.status
    else if (move === 'conflict') console.warn(`order ${reference}: ${order.status} -> ${notification.status} needs review`)
    res.type('text').send(latipay.NOTIFICATION_ACK)
  })

  app.get('/latipay/return', (req, res) => {
    let shown
    try {
      shown = latipay.verifyRedirect(req.originalUrl, apiKey) // the request target, as received
    } catch {
      return res.status(400).type('text').send('rejected')
    }
    // For display only: the order is fulfilled by the notification (or a query).
    res.type('text').send(`Payment ${shown.status} for order ${shown.merchantReference} (${shown.currency} ${shown.amount}).`)
  })

  app.get('/orders/:reference', (req, res) => {
    const order = orders.get(req.params.reference)
    if (!order) return res.status(404).type('text').send('no such order')
    res.json(order)
  })

  return app
}

module.exports = { createApp }

if (require.main === module) {
  // Without LATIPAY_API_KEY the sandbox's demo merchant is used, and only on loopback:
  // a public demo key must never guard a real shop.
  const baseUrl = process.env.LATIPAY_BASE_URL || 'http://127.0.0.1:8450'
  let apiKey = process.env.LATIPAY_API_KEY || ''
  if (!apiKey) {
    if (!baseUrl.startsWith('http://127.0.0.1:')) throw new Error('set LATIPAY_API_KEY (and LATIPAY_USER_ID, LATIPAY_WALLET_ID)')
    apiKey = '111222333'
  }
  const client = new latipay.Client({
    userId: process.env.LATIPAY_USER_ID || 'U000334333',
    walletId: process.env.LATIPAY_WALLET_ID || 'W00000001',
    apiKey,
    baseUrl,
  })
  const port = Number(process.env.PORT || 3000)
  createApp(client, apiKey, `http://127.0.0.1:${port}`).listen(port, '127.0.0.1', () => console.log(`shop on http://127.0.0.1:${port}`))
}
