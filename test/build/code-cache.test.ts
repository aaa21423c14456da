import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { codeCacheFile, compileWithCodeCache, runAsModule, writeCodeCache } from '../../src/build/code-cache.js'

const CODE = `
const { join } = require('node:path')
function square (x) { return x * x }
globalThis.__codeCacheTest = { squares: [1, 2, 3].map(square), file: __filename, path: join(__dirname, 'x'), isModule: typeof module.exports === 'object' }
`

t.test('compiled code runs as a CommonJS module, and its cache is taken at the next compile', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'qga-code-cache-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const codeFile = join(dir, 'code-abc.cjs')
  writeFileSync(codeFile, CODE)

  const first = compileWithCodeCache(codeFile)
  t.equal(first.cache, 'none', 'no cache yet')
  runAsModule(first.script, codeFile)
  t.same((globalThis as { __codeCacheTest?: unknown }).__codeCacheTest, { squares: [1, 4, 9], file: codeFile, path: join(dir, 'x'), isModule: true },
    'require, __filename, __dirname and module are the file\'s own')
  t.equal(writeCodeCache(first.script, codeFile), true)
  t.ok(readFileSync(codeCacheFile(codeFile)).length > 0, 'the cache is written beside the code')

  const second = compileWithCodeCache(codeFile)
  t.equal(second.cache, 'accepted', 'V8 takes the cache of the same code')

  // Another file, for V8 keeps what it compiled in this process and would not look at a cache again.
  const otherFile = join(dir, 'code-def.cjs')
  writeFileSync(otherFile, `${CODE}\nglobalThis.__codeCacheTest.other = true\n`)
  writeFileSync(codeCacheFile(otherFile), Buffer.from('not a code cache'))
  const damaged = compileWithCodeCache(otherFile)
  t.equal(damaged.cache, 'rejected', 'a damaged cache is refused, and the code compiles all the same')
  runAsModule(damaged.script, otherFile)
  t.same((globalThis as { __codeCacheTest?: { squares: number[], other: boolean } }).__codeCacheTest, { squares: [1, 4, 9], file: otherFile, path: join(dir, 'x'), isModule: true, other: true })
})

t.test('a cache that cannot be written is no failure', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'qga-code-cache-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const codeFile = join(dir, 'code.cjs')
  writeFileSync(codeFile, CODE)
  const { script } = compileWithCodeCache(codeFile)
  t.equal(writeCodeCache(script, join(dir, 'no-such-folder', 'code.cjs')), false)
})
