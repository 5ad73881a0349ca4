// The package from CommonJS, typed: `import … = require` and the error union
// (see usage.mts). Never run.
import latipay = require('latipay')

function explain(e: unknown): string {
  if (!(e instanceof latipay.LatipayError)) return 'not latipay'
  if (e.code === 'api_error') return `Latipay said ${e.apiCode}: ${e.apiMessage}`
  if (e.code === 'invalid_argument') return `bad ${e.field}`
  return e.code
}

async function main(): Promise<void> {
  const client = new latipay.Client({ userId: 'U000334333', walletId: 'W00000001', apiKey: 'key', baseUrl: 'http://127.0.0.1:8450' })
  try {
    const created = await client.createTransaction({
      merchantReference: 'order-1001', amount: '120.00', paymentMethod: 'alipay', productName: 'Pinot Noir, Otago',
      callbackUrl: 'https://shop.example/n', returnUrl: 'https://shop.example/r', ip: '122.122.122.1',
    })
    const payment: latipay.Payment = await client.query('order-1001', { signal: AbortSignal.timeout(5000) })
    const png: Uint8Array | undefined = undefined
    void [created.paymentUrl, payment.status, png]
  } catch (e) {
    console.log(explain(e))
  } finally {
    await client.close()
  }
  const ack: string = latipay.verifyNotification(Buffer.from('a=1'), 'key').status === 'paid' ? latipay.NOTIFICATION_ACK : ''
  void ack
}
void main()
