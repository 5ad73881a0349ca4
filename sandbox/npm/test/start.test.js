'use strict'
// startSandbox() against the sandbox executable ($LATIPAY_SANDBOX_BIN; make
// test points it at the cargo build): a whole payment as a merchant's test
// suite would drive it, in CommonJS and as an ES module.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { pathToFileURL } = require('node:url')
const { createHmac } = require('node:crypto')
const { startSandbox, DEMO_MERCHANT } = require('..')

/** Rule A: the HMAC-SHA256 of the sorted key=value pairs joined with &, then the api_key. */
function signed(fields, apiKey) {
  const message = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('&') + apiKey
  return { ...fields, signature: createHmac('sha256', apiKey).update(message).digest('hex') }
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body)
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let text = ''
      response.on('data', (chunk) => { text += chunk })
      response.on('end', () => resolve(JSON.parse(text)))
    })
    request.on('error', reject)
    request.end(payload)
  })
}

function createOrder(sandbox, reference, extra = {}) {
  const m = sandbox.merchant
  return post(`${sandbox.url}/v2/transaction`, signed({
    user_id: m.userId, wallet_id: m.walletId, payment_method: 'alipay', amount: '12.00',
    return_url: 'https://shop.example/done', callback_url: 'http://127.0.0.1:9/notify',
    merchant_reference: reference, ip: '122.122.122.1', version: '2.0', product_name: 'Flat white', ...extra,
  }, m.apiKey))
}

test('a payment, its notification attempts and a reset', async () => {
  const sandbox = await startSandbox()
  try {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.deepEqual(sandbox.merchant, DEMO_MERCHANT)
    assert.equal((await createOrder(sandbox, 'fixture-1')).code, 0)
    assert.equal((await sandbox.order('fixture-1')).status, 'pending')
    await sandbox.pay('fixture-1')
    assert.equal((await sandbox.order('fixture-1')).status, 'paid')
    let notifications = []
    for (let i = 0; i < 100 && notifications.length === 0; i++) {
      notifications = await sandbox.notifications('fixture-1')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    assert.equal(notifications.length, 1)
    assert.equal(notifications[0].delivered, false, 'nobody listens on port 9')
    await sandbox.reset()
    await assert.rejects(sandbox.order('fixture-1'), /404/)
  } finally {
    await sandbox.close()
  }
})

test('own merchants, faults, warnings and strict mode', async () => {
  const sandbox = await startSandbox({ merchants: ['U1:W1:key-1:AUD'] })
  try {
    assert.deepEqual(sandbox.merchant, { userId: 'U1', walletId: 'W1', apiKey: 'key-1', currency: 'AUD' })
    const fault = await sandbox.faults({ path: '/v2/transaction', fault: 'status', status: 503 })
    assert.equal(fault.remaining, 1)
    assert.equal((await sandbox.control('GET', '/_sandbox/faults')).faults.length, 1)
    assert.deepEqual(await createOrder(sandbox, 'fixture-2'), { error: 'injected fault' }, 'the fault answers instead')
    assert.equal((await createOrder(sandbox, 'fixture-2')).code, 0, 'then the sandbox answers again')
    assert.deepEqual(await sandbox.warnings(), [])
  } finally {
    await sandbox.close()
  }
  const strict = await startSandbox({ strict: true })
  await strict.close()
  await strict.close() // closing twice is fine
})

test('a sandbox that cannot start rejects, naming why', async () => {
  await assert.rejects(startSandbox({ merchants: ['U1:W1:k', 'U1:W2:k'] }), /exited/)
  await assert.rejects(startSandbox({ merchants: ['nope'] }), /USER_ID:WALLET_ID:API_KEY/)
})

test('the ES-module face exports the same functions', () => {
  const entry = pathToFileURL(path.join(__dirname, '..', 'index.mjs')).href
  const script = `import { startSandbox, binaryPath, DEMO_MERCHANT } from ${JSON.stringify(entry)}; ` +
    "process.stdout.write([typeof startSandbox, typeof binaryPath, DEMO_MERCHANT.userId].join(' '))"
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(out, 'function function U000334333')
})

test('an executable that is not there is named, with how to get one', (t) => {
  const named = `try { require(${JSON.stringify(path.join(__dirname, '..'))}).binaryPath() } catch (e) { process.stdout.write(e.message) }`
  const env = { ...process.env, LATIPAY_SANDBOX_BIN: '/no/such/latipay-sandbox' }
  assert.match(execFileSync(process.execPath, ['-e', named], { env, encoding: 'utf8' }), /LATIPAY_SANDBOX_BIN is "\/no\/such\/latipay-sandbox", which is not an executable file/)
  // The package's source folder, as a clone installs it: no vendor/ executables.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'latipay-sandbox-folder-'))
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }))
  for (const file of ['index.js', 'start.js']) fs.copyFileSync(path.join(__dirname, '..', file), path.join(folder, file))
  const bare = { ...process.env }
  delete bare.LATIPAY_SANDBOX_BIN
  const script = `try { require(${JSON.stringify(folder)}).binaryPath() } catch (e) { process.stdout.write(e.message) }`
  const message = execFileSync(process.execPath, ['-e', script], { env: bare, encoding: 'utf8' })
  assert.match(message, /no executable at .*vendor.*cargo build --locked -p latipay-sandbox.*LATIPAY_SANDBOX_BIN/)
})

test('the sandbox dies with the process that started it, and keys stay off its command line', async () => {
  const script = `require(${JSON.stringify(path.join(__dirname, '..'))}).startSandbox({ merchants: ['U1:W1:secret-key-5'] })
    .then((s) => { process.stdout.write(String(s.pid) + '\\n'); setInterval(() => {}, 1000) })`
  const parent = require('node:child_process').spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const pid = Number(await new Promise((resolve) => parent.stdout.once('data', (d) => resolve(String(d).trim()))))
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
  assert.ok(!argv.some((a) => a.includes('secret-key-5')), argv.join(' '))
  assert.ok(!fs.existsSync(argv[argv.indexOf('--merchants-file') + 1]), 'the merchants file is removed')
  parent.kill('SIGKILL')
  const deadline = Date.now() + 10_000
  while (fs.existsSync(`/proc/${pid}`) && !/\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))) {
    assert.ok(Date.now() < deadline, 'the sandbox outlived its parent')
    await new Promise((r) => setTimeout(r, 50))
  }
})

test('what the sandbox prints first must be its URL, and merchants never show their key', async () => {
  await assert.rejects(startSandbox({ binary: '/bin/echo' }), /printed "--port 0 .*" where its URL belongs/)
  await assert.rejects(startSandbox({ merchants: ['U1:W1:secret-key-6:NZD:extra'] }), (e) => !e.message.includes('secret-key-6'))
  const sandbox = await startSandbox()
  try {
    await assert.rejects(sandbox.order('..'), (e) => /404/.test(e.message) && !/no such endpoint/.test(e.message))
  } finally {
    await sandbox.close()
  }
  const shown = require('node:util').inspect({ DEMO_MERCHANT })
  assert.ok(!shown.includes('111222333') && shown.includes('<redacted>'), shown)
  assert.equal(DEMO_MERCHANT.apiKey, '111222333')
})
