// Typed use of latipay-sandbox, checked by `tsc --noEmit` in make test (no
// Node types: index.d.ts stands alone).
import { binaryPath, startSandbox, DEMO_MERCHANT, type Sandbox, type SandboxWarning } from '../../index'

async function suite(): Promise<void> {
  const sandbox: Sandbox = await startSandbox({ merchants: ['U1:W1:key:AUD'], notifyIntervalMs: 50, strict: true })
  const url: string = sandbox.url
  const apiKey: string = sandbox.merchant.apiKey
  await sandbox.pay('order-1')
  const status = (await sandbox.order('order-1')).status
  const delivered: boolean[] = (await sandbox.notifications('order-1')).map((n) => n.delivered)
  const warnings: SandboxWarning[] = await sandbox.warnings()
  await sandbox.faults({ path: '/v2/transaction', fault: 'delay', ms: 10 })
  await sandbox.close()
  const path: string = binaryPath()
  void [url, apiKey, status, delivered, warnings, path, DEMO_MERCHANT.currency]
  // @ts-expect-error: merchants are spec strings
  await startSandbox({ merchants: [{ userId: 'U1' }] })
}
void suite
