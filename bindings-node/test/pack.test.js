'use strict'
// The npm packages as `make dist` lays them out (packaging/npm-packages.js),
// from this machine's build: `latipay` (no addon in it) and this platform's
// `latipay-<platform>`, packed, installed into a fresh project, and working.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const PACKAGE = path.join(__dirname, '..')
const LAYOUT = path.join(PACKAGE, '..', 'packaging', 'npm-packages.js')
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' })
const LICENSES = ['LICENSE-APACHE', 'LICENSE-MIT']
// The release's version: make test's version-check holds package.json to the workspace's.
const VERSION = require('../package.json').version

/** The section names of a 64-bit little-endian ELF file (the Linux addons). */
function elfSectionNames(elf) {
  assert.equal(elf.toString('latin1', 1, 4), 'ELF')
  const [offset, size, count, names] = [Number(elf.readBigUInt64LE(0x28)), elf.readUInt16LE(0x3a), elf.readUInt16LE(0x3c), elf.readUInt16LE(0x3e)]
  const header = (i) => offset + i * size
  const strings = Number(elf.readBigUInt64LE(header(names) + 0x18))
  return Array.from({ length: count }, (_, i) => {
    const start = strings + elf.readUInt32LE(header(i))
    return elf.toString('latin1', start, elf.indexOf(0, start))
  })
}

/** Runs npm-packages.js, packs the directory it wrote into `into`; the packed files and tarball. */
function layOut(args, dir, into) {
  execFileSync(process.execPath, [LAYOUT, ...args], { encoding: 'utf8' })
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', into], dir))
  return { files: packed.files.map((f) => f.path).sort(), tarball: path.join(into, packed.filename) }
}

test('the main and platform packages install into a fresh project and work', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latipay-pack-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const addons = fs.readdirSync(PACKAGE).filter((f) => /^latipay\..+\.node$/.test(f)) // this platform's, from `npm run build`
  assert.equal(addons.length, 1, `one built addon, not ${addons}`)
  const platform = addons[0].split('.')[1]

  const native = layOut(['platform', VERSION, platform, path.join(PACKAGE, addons[0]), path.join(dir, 'native')], path.join(dir, 'native'), dir)
  assert.deepEqual(native.files, [...LICENSES, 'README.md', addons[0], 'package.json'].sort())
  const main = layOut(['main', VERSION, path.join(dir, 'main'), platform], path.join(dir, 'main'), dir)
  assert.deepEqual(main.files, [...LICENSES, 'README.md', 'index.d.ts', 'index.js', 'native.js', 'package.json', 'transport.js'].sort())
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'main', 'package.json'), 'utf8'))
  assert.deepEqual(manifest.optionalDependencies, { [`latipay-${platform}`]: manifest.version })
  assert.equal(manifest.devDependencies, undefined)
  assert.equal(manifest.overrides, undefined)
  assert.ok(manifest.dependencies['@types/node'], 'index.d.ts references Node\'s types: they come with the package')
  const sections = elfSectionNames(fs.readFileSync(path.join(PACKAGE, addons[0])))
  assert.ok(sections.includes('.text') && !sections.some((name) => name.startsWith('.debug_')), `${addons[0]} without debug info: ${sections}`)

  const app = path.join(dir, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true }))
  npm(['install', '--prefer-offline', main.tarball, native.tarball], app)
  const script = `
    const latipay = require('latipay')
    const sig = latipay.sign({ merchant_reference: '6000324', user_id: 'U000000013' }, '111222333')
    let code = null
    try { latipay.verifyNotification('a=1', '111222333') } catch (e) { code = e instanceof latipay.LatipayError && e.code }
    process.stdout.write(JSON.stringify({ sig, code, ack: latipay.NOTIFICATION_ACK }))`
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' }))
  assert.deepEqual(out, { sig: '58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4', code: 'invalid_signature', ack: 'sent' })
  assert.ok(fs.existsSync(path.join(app, 'node_modules', 'latipay', 'index.d.ts')))
  assert.ok(fs.existsSync(path.join(app, 'node_modules', `latipay-${platform}`, addons[0])))

  // TypeScript as a new project gets it, in an ES module and a CommonJS file, with no `types`
  // option: only what the installed index.d.ts brings along.
  for (const file of ['usage.mts', 'usage.cts']) fs.copyFileSync(path.join(__dirname, 'typed', file), path.join(app, file))
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'nodenext', target: 'es2022' },
    files: ['usage.mts', 'usage.cts'],
  }))
  const tsc = path.join(PACKAGE, 'node_modules', 'typescript', 'bin', 'tsc')
  try {
    execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8' })
  } catch (error) {
    assert.fail(`tsc in the installed project: ${error.stdout}${error.stderr}`)
  }
})

test('without a platform package, loading names the platform and what ships', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latipay-pack-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  execFileSync(process.execPath, [LAYOUT, 'main', VERSION, dir, 'linux-x64-gnu', 'darwin-arm64', 'win32-x64-msvc'])
  const script = `try { require(${JSON.stringify(dir)}) } catch (e) { process.stdout.write(JSON.stringify({ message: e.message, cause: !!e.cause })) }`
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' }))
  assert.match(out.message, new RegExp(`no native library that loads on ${process.platform}-${process.arch}`))
  assert.match(out.message, /prebuilt ones for linux-x64-gnu, darwin-arm64, win32-x64-msvc, each in the optional package latipay-<platform>/)
  assert.ok(out.cause)
})

test('a platform library that is there but does not load says why', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latipay-pack-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  execFileSync(process.execPath, [LAYOUT, 'main', VERSION, dir, 'linux-x64-gnu'])
  const addon = fs.readdirSync(PACKAGE).find((f) => /^latipay\..+\.node$/.test(f))
  fs.writeFileSync(path.join(dir, addon), 'not a shared library')
  const script = `try { require(${JSON.stringify(dir)}) } catch (e) { process.stdout.write(e.message) }`
  const message = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' })
  assert.match(message, /^latipay's native library did not load: .*(invalid ELF header|too short)/)
})
