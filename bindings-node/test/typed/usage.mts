// A typed merchant using the package from an ES module: `npm run typecheck`
// (tsc --noEmit, with no `types` option: nothing ambient but what index.d.ts
// itself references) must accept it, so the generated index.d.ts stays usable.
// usage.cts does the same from CommonJS. Never run.
import {
  Client,
  Credentials,
  LatipayError,
  NOTIFICATION_ACK,
  createTransactionRequest,
  matchesOrder,
  sign,
  transition,
  verifyNotification,
  verifyRedirect,
  type Attempt,
  type CreateTransactionOptions,
  type ErrorCode,
  type Payment,
  type PaymentMethod,
  type StoredOrder,
} from 'latipay'

async function checkout(client: Client): Promise<string> {
  const options: CreateTransactionOptions = {
    merchantReference: 'order-1001',
    amount: '120.00',
    paymentMethod: 'alipay',
    productName: 'Pinot Noir, Otago',
    callbackUrl: 'https://shop.example/latipay/notify',
    returnUrl: 'https://shop.example/latipay/return',
    ip: '122.122.122.1',
  }
  const created = await client.createTransaction(options)
  const sameSync: string = client.createTransactionSync(options).paymentUrl
  return created.paymentUrl + sameSync
}

async function pointOfSale(client: Client): Promise<Payment> {
  const accepted = await client.barcode({ merchantReference: 'pos-1', amount: '0.05', payCode: '134588558514585062' })
  const payment = await client.query('pos-1', { block: true })
  await client.refund({ orderId: accepted.orderId, refundAmount: '0.05' })
  await client.cancel('pos-2')
  const gateway = await client.gatewayData(client.createTransactionSync({
    merchantReference: 'pos-3', amount: '8.00', paymentMethod: 'wechat', productName: 'Flat white',
    callbackUrl: 'https://shop.example/n', ip: '122.122.122.1', merchantHosted: true,
  }))
  const png: Buffer = gateway.qrCodePng
  void png
  return payment
}

function onNotification(rawBody: Buffer, stored: string): string {
  try {
    const n = verifyNotification(rawBody, 'api-key')
    const order: StoredOrder = { merchantReference: 'order-1001', paymentMethod: 'alipay', currency: 'NZD', amount: '120.00' }
    if (!matchesOrder(n, order)) return NOTIFICATION_ACK
    // A row from a database holds plain strings: it type-checks as it is.
    const row: { reference: string, method: string, currency: string, amount: string } = { reference: 'order-1001', method: 'alipay', currency: 'NZD', amount: '120.00' }
    if (!matchesOrder(n, { merchantReference: row.reference, paymentMethod: row.method, currency: row.currency, amount: row.amount })) return NOTIFICATION_ACK
    const move: 'advance' | 'duplicate' | 'stale' | 'conflict' = transition(stored, n.status)
    const when: Date | null | undefined = n.payTime
    void when
    const ack: 'sent' = NOTIFICATION_ACK // typed as the literal
    return move === 'advance' ? ack : NOTIFICATION_ACK
  } catch (e) {
    if (e instanceof LatipayError) {
      const code: ErrorCode = e.code
      switch (e.code) {
        case 'api_error': {
          const apiCode: number = e.apiCode // narrowed by the code: no `?? ''`
          return `${code} ${apiCode} ${e.apiMessage}`
        }
        case 'invalid_argument': {
          const field: string = e.field
          return `${code} ${field}`
        }
        case 'http_status':
          return `${e.status} ${e.url}`
        case 'malformed_response':
          return `${e.what} ${e.field ?? ''}`
        case 'invalid_signature':
          return e.what
        case 'transport':
        case 'timeout':
          return e.message
        default: {
          const none: never = e // every code is handled
          return none
        }
      }
    }
    throw e
  }
}

// Methods and statuses are the known literals: a typo does not compile.
const method: PaymentMethod = 'wechat'
// @ts-expect-error 'alipy' is not a payment method
const typo: PaymentMethod = 'alipy'
const paidOnly = (p: Payment): boolean => p.status === 'paid'
// @ts-expect-error a payment's status is never WeChat's redirect-only 'cancel_or_fail'
const redirectOnly = (p: Payment): boolean => p.status === 'cancel_or_fail'
const stored: string = 'whatever the database holds'
const fromStore = transition(stored, 'paid') // a stored status may be any text
void [method, typo, paidOnly, redirectOnly, fromStore]

const client = new Client({ userId: 'U000334333', walletId: 'W00000001', apiKey: 'key', baseUrl: 'http://127.0.0.1:8450', timeoutMs: 5000 })
const credentials = new Credentials('U000334333', 'W00000001', 'key')
const request = createTransactionRequest(credentials, {
  merchantReference: 'o-1', amount: '1.00', paymentMethod: 'alipay', productName: 'x', callbackUrl: 'https://a.example/n', ip: '1.2.3.4', returnUrl: 'https://a.example/r',
})
const signature: string = sign({ merchant_reference: 'o-1', user_id: 'U1', is_block: undefined }, 'key')
const shown = verifyRedirect('/done?merchant_reference=o-1', 'key').status
void [checkout(client), pointOfSale(client), onNotification(Buffer.from(''), 'pending'), request.body, signature, shown]

// Non-blocking calls: a signal per call, network options, the attempt log.
async function heldQuery(signal: AbortSignal): Promise<string> {
  const held = new Client({
    userId: 'U000334333', walletId: 'W00000001', apiKey: 'key', baseUrl: 'http://127.0.0.1:8450',
    proxy: 'http://proxy.corp:3128', caCertificates: '-----BEGIN CERTIFICATE-----', trustStore: 'system',
    onAttempt: (attempt: Attempt) => { const code: ErrorCode | undefined = attempt.errorCode; void [attempt.path, attempt.durationMs, code] },
  })
  const payment = await held.query('o-1', { block: true, signal })
  await held.cancel('o-2', { signal })
  await held.close()
  return payment.status
}
void heldQuery(AbortSignal.timeout(1000))
