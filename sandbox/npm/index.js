'use strict'
// The `latipay-sandbox` npm package: the sandbox's executable for this
// machine, prebuilt (no Rust needed) for Linux x64 and arm64 with glibc 2.17
// or newer.

const fs = require('node:fs')
const path = require('node:path')

/** Node's `platform-arch` -> the directory under vendor/ holding its executable. */
const VENDORED = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64' }

/** Whether this process runs on musl (Alpine) rather than glibc. */
function isMusl() {
  if (!process.report) return false
  process.report.excludeNetwork = true
  const report = process.report.getReport()
  return !!report && !(report.header && report.header.glibcVersionRuntime)
}

/**
 * The absolute path of the `latipay-sandbox` executable for this machine
 * (or $LATIPAY_SANDBOX_BIN when set). Throws an Error naming the platform when the package has none for it.
 */
function binaryPath() {
  // A test suite may point at an executable of its own (a cargo build, say).
  const named = process.env.LATIPAY_SANDBOX_BIN
  if (named) {
    if (!isExecutable(named)) throw new Error(`$LATIPAY_SANDBOX_BIN is ${JSON.stringify(named)}, which is not an executable file`)
    return named
  }
  const platform = `${process.platform}-${process.arch}`
  const dir = VENDORED[platform]
  if (!dir || isMusl()) {
    const which = dir ? `${platform} with musl` : platform
    throw new Error(`latipay-sandbox has no executable for ${which}: it ships linux-x64 and linux-arm64 ` +
      'for glibc 2.17 or newer. Elsewhere, build it from the repository: cargo build --release -p latipay-sandbox')
  }
  const vendored = path.join(__dirname, 'vendor', dir, 'latipay-sandbox')
  if (!isExecutable(vendored)) {
    // The repository's folder (installed from a clone) holds no executable: make dist packs them.
    throw new Error(`latipay-sandbox has no executable at ${vendored}: this is the package's source folder, ` +
      'not a release. Build one (cargo build --locked -p latipay-sandbox) and set LATIPAY_SANDBOX_BIN to it ' +
      '(target/debug/latipay-sandbox), or install the release tarball of make dist')
  }
  return vendored
}

/** Whether `file` is a file this process may execute. */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

const start = require('./start.js')

/**
 * Starts the sandbox on a free loopback port; resolves to a Sandbox (see
 * index.d.ts) once it listens.
 */
function startSandbox(options = {}) {
  return start.startSandbox(options, binaryPath)
}

module.exports = { binaryPath, startSandbox, DEMO_MERCHANT: start.DEMO_MERCHANT }
