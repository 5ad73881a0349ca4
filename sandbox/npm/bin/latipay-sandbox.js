#!/usr/bin/env node
'use strict'
// `npx latipay-sandbox [options]`: runs the sandbox's executable with these
// arguments and this terminal, and exits as it exits.

const { spawn } = require('node:child_process')
const { binaryPath } = require('..')

let executable
try {
  executable = binaryPath()
} catch (error) {
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
const child = spawn(executable, process.argv.slice(2), { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal))
}
child.on('error', (error) => {
  process.stderr.write(`latipay-sandbox: cannot run ${executable}: ${error.message}\n`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  if (!signal) process.exit(code)
  // Ended by a signal: end the same way, without this file's forwarding handler.
  process.removeAllListeners(signal)
  process.kill(process.pid, signal)
})
