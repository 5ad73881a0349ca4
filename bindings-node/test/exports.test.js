'use strict'
// The package exports everything the native binding does (but its internals
// internals), from CommonJS and from ES modules alike.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

const latipay = require('..')
const native = require('../native.js')

test('every native export is re-exported, plus LatipayError', () => {
  const internal = ['registerErrorClass', 'signPacked', '_Exchange', 'Exchange']
  const expected = Object.keys(native).filter((k) => !internal.includes(k)).concat('LatipayError').sort()
  assert.deepEqual(Object.keys(latipay).sort(), expected)
})

test('named imports work from an ES module', () => {
  const script = `import { Client, sign, LatipayError, NOTIFICATION_ACK } from 'latipay'
    process.stdout.write(JSON.stringify([typeof Client, sign({ a: '1' }, 'k').length, typeof LatipayError, NOTIFICATION_ACK]))`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(__dirname, '..'), encoding: 'utf8' })
  assert.deepEqual(JSON.parse(out), ['function', 64, 'function', 'sent'])
})

test('the exports cannot be replaced by accident', () => {
  assert.ok(Object.isFrozen(latipay))
  assert.throws(() => { 'use strict'; latipay.NOTIFICATION_ACK = 'x' }, TypeError)
  assert.equal(latipay.NOTIFICATION_ACK, 'sent')
})

test('loading the module again keeps one LatipayError class', () => {
  const entry = require.resolve('..')
  delete require.cache[entry]
  const again = require('..')
  assert.notEqual(again, latipay, 'a second copy of the module')
  assert.equal(again.LatipayError, latipay.LatipayError)
  for (const copy of [latipay, again]) {
    assert.throws(() => copy.verifyNotification('a=1', 'k'), (e) => e instanceof latipay.LatipayError && e instanceof again.LatipayError)
  }
})
