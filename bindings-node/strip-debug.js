'use strict'
// After `napi build --release`: the addon without its debug info (the
// workspace's release profile keeps it for profiling, 29 MB of a 32 MB file),
// symbols kept. Linux and macOS `strip`; on Windows the debug info is in a
// separate .pdb already. `make dist` strips its own builds the same way.

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const flags = { linux: ['--strip-debug'], darwin: ['-S'] }[process.platform]
const addons = flags ? fs.readdirSync(__dirname).filter((f) => /^latipay\..+\.node$/.test(f)) : []
for (const addon of addons) {
  const file = path.join(__dirname, addon)
  try {
    execFileSync('strip', [...flags, file], { stdio: 'inherit' })
  } catch (error) {
    console.warn(`latipay: ${addon} keeps its debug info (strip failed: ${error.message})`)
  }
}
