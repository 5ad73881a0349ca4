'use strict'
// The README's quick starts run as written: the ES module and the CommonJS
// file, each in a project of its own where `latipay` is this package, against
// the sandbox, with the environment the README names.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFile } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { promisify } = require('node:util')
const { DEMO, startSandbox } = require('./support.js')

const PACKAGE = path.join(__dirname, '..')
const README = fs.readFileSync(path.join(PACKAGE, 'README.md'), 'utf8')

/** The ```js block that follows the line naming `file` in the README. */
function quickStart(file) {
  const found = README.match(new RegExp(`\\(\`${file.replace('.', '\\.')}\`\\)[^\\n]*\\n(?:[^\\n]+\\n)*?\\n?\`\`\`js\\n([\\s\\S]*?)\`\`\``))
  assert.ok(found, `no quick start ${file} in README.md`)
  return found[1]
}

test('the quick starts run as written, as an ES module and from CommonJS', async (t) => {
  const sandbox = await startSandbox()
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'latipay-readme-'))
  t.after(async () => { fs.rmSync(project, { recursive: true, force: true }); await sandbox.stop() })
  fs.mkdirSync(path.join(project, 'node_modules'))
  fs.symlinkSync(PACKAGE, path.join(project, 'node_modules', 'latipay'), 'dir')
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true }))

  for (const file of ['quickstart.mjs', 'quickstart.cjs']) {
    fs.writeFileSync(path.join(project, file), quickStart(file))
    const env = { ...process.env, LATIPAY_API_KEY: DEMO.apiKey, LATIPAY_BASE_URL: sandbox.baseUrl, SHOP_URL: 'http://127.0.0.1:9' }
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], { cwd: project, env, timeout: 30_000 })
    const lines = stdout.trim().split('\n')
    assert.equal(lines.length, 2, `${file}: ${stdout}${stderr}`)
    assert.ok(lines[0].startsWith(`${sandbox.baseUrl}/`), `${file} prints the payment URL: ${lines[0]}`)
    assert.match(lines[1], /^pending 120\.00\b/, `${file} prints the order's status and amount`)
    assert.equal(stderr, '', file)
  }
})
