#!/usr/bin/env node
'use strict'
// `npx latipay-sandbox [options]`: runs the sandbox's executable with these
// arguments and this terminal, and exits as it exits (128 + the signal's
// number when a signal ended it, as a shell reports it).

const { spawn } = require('node:child_process')
const { constants } = require('node:os')
const { binaryPath } = require('..')

let executable
try {
  executable = binaryPath()
} catch (error) {
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
const child = spawn(executable, process.argv.slice(2), { stdio: 'inherit' })
// `kill <this process>` reaches the sandbox too (a terminal's Ctrl-C reaches both already).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal))
}
child.on('error', (error) => {
  const hint = error.code === 'EACCES' ? ` (it is not executable: chmod +x ${executable})` : ''
  process.stderr.write(`latipay-sandbox: cannot run ${executable}: ${error.message}${hint}\n`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : code)
})
