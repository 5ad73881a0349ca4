'use strict'
// The shared table of hostile-server cases (tests/hostile/cases.json), run
// against the Promise methods (undici) and the …Sync forms (the core's
// transport).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const latipay = require('..')
const { DEMO, REPO, startSandbox, reference, control } = require('./support')

const TABLE = JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'hostile', 'cases.json'), 'utf8')).cases

/** The client a case asks for. */
function clientFor(kase, sandbox) {
  const given = kase.client ?? {}
  return new latipay.Client({
    ...DEMO,
    baseUrl: sandbox.baseUrl,
    timeoutMs: given.timeout_ms,
    maxRetries: given.max_retries,
    caCertificates: kase.trust_sandbox_certificate ? sandbox.certificatePem : undefined,
  })
}

const order = (ref) => ({
  merchantReference: ref, amount: '12.50', paymentMethod: 'alipay', productName: 'hostile table',
  callbackUrl: 'http://127.0.0.1:9/notify', ip: '122.122.122.1', returnUrl: 'http://127.0.0.1:9/return',
})

/** Makes the order of a query case (before any fault), then sets the fault. */
async function arrange(kase, sandbox, ref) {
  await control(sandbox, 'DELETE', '/_sandbox/faults')
  if (kase.call === 'query') {
    const setup = new latipay.Client({ ...DEMO, baseUrl: sandbox.baseUrl, caCertificates: sandbox.certificatePem })
    setup.createTransactionSync(order(ref))
  }
  if (kase.fault) await control(sandbox, 'POST', '/_sandbox/faults', kase.fault)
}

/** Compares the outcome and the attempts that reached the sandbox with `expect`. */
async function check(kase, sandbox, outcome) {
  const expect = kase.expect
  if (expect.ok) {
    assert.ok(!(outcome instanceof Error), outcome)
    if (kase.call === 'query') assert.equal(outcome.status, 'pending')
  } else {
    assert.ok(outcome instanceof latipay.LatipayError, outcome)
    assert.equal(outcome.code, expect.error_code, outcome.message)
    if (expect.status !== undefined) assert.equal(outcome.status, expect.status, outcome.message)
  }
  if (kase.fault) {
    const { faults } = await control(sandbox, 'GET', '/_sandbox/faults')
    const used = (kase.fault.times ?? 1) - (faults[0]?.remaining ?? 0)
    if (expect.faults_used !== undefined) assert.equal(used, expect.faults_used)
    if (expect.faults_used_at_most !== undefined) assert.ok(used >= 2 && used <= expect.faults_used_at_most, `${used}`)
  }
}

for (const [form, call] of [
  ['Promise methods (undici)', (client, kase, ref) => (kase.call === 'create' ? client.createTransaction(order(ref)) : client.query(ref))],
  ['…Sync forms (the core)', async (client, kase, ref) => (kase.call === 'create' ? client.createTransactionSync(order(ref)) : client.querySync(ref))],
]) {
  test(`the hostile table, ${form}`, async (t) => {
    const plain = await startSandbox()
    const tls = await startSandbox(['--tls'])
    t.after(async () => { await plain.stop(); await tls.stop() })
    for (const kase of TABLE) {
      await t.test(kase.name, async () => {
        const sandbox = kase.tls ? tls : plain
        const ref = reference()
        await arrange(kase, sandbox, ref)
        const client = clientFor(kase, sandbox)
        const outcome = await call(client, kase, ref).catch((error) => error)
        await client.close()
        await check(kase, sandbox, outcome)
      })
    }
  })
}
