#!/usr/bin/env node
'use strict'
// Lays out the npm packages of the Node binding the way napi-rs publishes
// them: a main package `latipay` (JavaScript, types, and one optional
// dependency per platform) and one `latipay-<platform>` package per platform
// holding its `latipay.<platform>.node`. npm installs only the platform
// package whose `os`, `cpu` and `libc` match the machine; native.js loads it.
//
//   npm-packages.js platform <version> <platform> <addon.node> <dir>   e.g. platform 0.1.0 linux-x64-gnu ...
//   npm-packages.js main <version> <dir> <platform>...
//
// <version> is the workspace's (packaging/common.sh's VERSION). Each <dir> is
// made afresh, ready for `npm pack`.

const fs = require('node:fs')
const path = require('node:path')

const WORKSPACE = path.resolve(__dirname, '..')
const BINDING = path.join(WORKSPACE, 'bindings-node')
const LICENSES = ['LICENSE-MIT', 'LICENSE-APACHE']
const binding = JSON.parse(fs.readFileSync(path.join(BINDING, 'package.json'), 'utf8'))

/** A fresh, empty directory. */
function fresh(dir) {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
}

/** Copies the license texts into `dir`. */
function copyLicenses(dir) {
  for (const name of LICENSES) fs.copyFileSync(path.join(WORKSPACE, name), path.join(dir, name))
}

/** Writes `manifest` as `dir`/package.json. */
function writeManifest(dir, manifest) {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
}

/**
 * npm's `os`, `cpu` and `libc` (Linux only) of a napi-rs platform name:
 * linux-arm64-musl, darwin-x64, win32-x64-msvc.
 */
function parsePlatform(platform) {
  const match = /^(?:(linux)-(x64|arm64)-(gnu|musl)|(darwin)-(x64|arm64)|(win32)-(x64|arm64)-msvc)$/.exec(platform)
  if (!match) throw new Error(`unknown platform '${platform}' (expected linux-<x64|arm64>-<gnu|musl>, darwin-<x64|arm64> or win32-<x64|arm64>-msvc)`)
  if (match[1]) return { os: 'linux', cpu: match[2], libc: match[3] === 'gnu' ? 'glibc' : 'musl' }
  return match[4] ? { os: 'darwin', cpu: match[5] } : { os: 'win32', cpu: match[7] }
}

/** The package `latipay-<platform>`: the addon, named as native.js requires it. */
function platformPackage(version, platform, addon, dir) {
  const { os, cpu, libc } = parsePlatform(platform)
  const file = `${binding.napi.binaryName}.${platform}.node`
  fresh(dir)
  fs.copyFileSync(addon, path.join(dir, file))
  copyLicenses(dir)
  fs.writeFileSync(path.join(dir, 'README.md'),
    `# ${binding.name}-${platform}\n\nThe ${platform} native library of [\`${binding.name}\`](https://www.npmjs.com/package/${binding.name}). ` +
    `Install \`${binding.name}\`, not this package: npm picks this one on ${[os, cpu, libc].filter(Boolean).join(' ')}.\n`)
  writeManifest(dir, {
    name: `${binding.name}-${platform}`,
    version,
    description: `The ${platform} native library of ${binding.name}`,
    license: binding.license,
    repository: binding.repository,
    main: file,
    files: [file, ...LICENSES],
    os: [os],
    cpu: [cpu],
    ...(libc && { libc: [libc] }),
    engines: binding.engines,
  })
}

/** The package `latipay`: the binding's files, with one optional dependency per platform. */
function mainPackage(version, dir, platforms) {
  platforms.forEach(parsePlatform)
  fresh(dir)
  const files = binding.files.filter((entry) => !entry.endsWith('.node'))
  for (const file of [...files, 'README.md']) {
    const from = path.join(BINDING, file)
    if (!fs.existsSync(from)) throw new Error(`${from} is missing: run \`npm run build\` in bindings-node first`)
    fs.copyFileSync(from, path.join(dir, file))
  }
  copyLicenses(dir)
  // `private` guards the source folder against `npm publish`; the staged package is the one to publish.
  // `overrides` keep the build tools' own dependencies on Node 20: nothing for a user.
  const { devDependencies, scripts, overrides, private: _private, ...manifest } = binding
  manifest.version = version
  manifest.files = [...files, ...LICENSES]
  manifest.optionalDependencies = Object.fromEntries(platforms.map((p) => [`${binding.name}-${p}`, version]))
  writeManifest(dir, manifest)
}

const [command, ...args] = process.argv.slice(2)
if (command === 'platform' && args.length === 4) {
  platformPackage(args[0], args[1], path.resolve(args[2]), path.resolve(args[3]))
} else if (command === 'main' && args.length >= 3) {
  mainPackage(args[0], path.resolve(args[1]), args.slice(2))
} else {
  process.stderr.write('usage: npm-packages.js platform <version> <platform> <addon.node> <dir> | main <version> <dir> <platform>...\n')
  process.exit(2)
}
