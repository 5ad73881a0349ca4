'use strict'
// `npm pack` makes a tarball that installs into a fresh project and works there.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const PACKAGE = path.join(__dirname, '..')
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' })

test('the packed tarball installs into a fresh project and works', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latipay-pack-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], PACKAGE))
  const files = packed.files.map((f) => f.path).sort()
  const addons = fs.readdirSync(PACKAGE).filter((f) => /^latipay\..+\.node$/.test(f)) // this platform's, from `npm run build`
  assert.equal(addons.length, 1, `one built addon, not ${addons}`)
  assert.deepEqual(files, ['README.md', 'index.d.ts', 'index.js', addons[0], 'native.js', 'package.json', 'transport.js'].sort())
  const app = path.join(dir, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true }))
  npm(['install', '--offline', path.join(dir, packed.filename)], app)
  const script = `
    const latipay = require('latipay')
    const sig = latipay.sign({ merchant_reference: '6000324', user_id: 'U000000013' }, '111222333')
    let code = null
    try { latipay.verifyNotification('a=1', '111222333') } catch (e) { code = e instanceof latipay.LatipayError && e.code }
    process.stdout.write(JSON.stringify({ sig, code, ack: latipay.NOTIFICATION_ACK }))`
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' }))
  assert.deepEqual(out, { sig: '58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4', code: 'invalid_signature', ack: 'sent' })
  assert.ok(fs.existsSync(path.join(app, 'node_modules', 'latipay', 'index.d.ts')))
})
