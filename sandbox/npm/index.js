'use strict'
// The `latipay-sandbox` npm package: the sandbox's executable for this
// machine, prebuilt (no Rust needed) for Linux x64 and arm64 with glibc 2.17
// or newer.

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
 * The absolute path of the `latipay-sandbox` executable for this machine.
 * Throws an Error naming the platform when the package has none for it.
 */
function binaryPath() {
  const platform = `${process.platform}-${process.arch}`
  const dir = VENDORED[platform]
  if (!dir || isMusl()) {
    const which = dir ? `${platform} with musl` : platform
    throw new Error(`latipay-sandbox has no executable for ${which}: it ships linux-x64 and linux-arm64 ` +
      'for glibc 2.17 or newer. Elsewhere, build it from the repository: cargo build --release -p latipay-sandbox')
  }
  return path.join(__dirname, 'vendor', dir, 'latipay-sandbox')
}

module.exports = { binaryPath }
