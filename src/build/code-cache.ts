import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Script } from 'node:vm'

/**
 * The bundled server starts from a V8 code cache: the bytecode of every function its start-up ran,
 * kept from an earlier start. Compiling the 2.4 MB of the bundle that start-up needs was a fifth
 * of the time from process start to ready, and Node 20 has no compile cache of its own (22 has,
 * with NODE_COMPILE_CACHE). The server's code is one CommonJS file compiled with node:vm, which
 * takes a cache; ES modules cannot.
 *
 * V8 checks a cache against its own version and flags and refuses a mismatch, but of the source
 * it checks only the length: the cache is only ever read for a code file whose name carries the
 * hash of its content (the bundler names it so), so a cache can never meet other code.
 */

/** The event the server emits on `process` once it listens: start-up has compiled what it needs. */
export const LISTENING_EVENT = 'qubes-guide-api:listening'

export function codeCacheFile (codeFile: string): string {
  return `${codeFile}.v8cache`
}

export interface CompiledCode {
  script: Script
  /** What became of the cache: none was there, V8 took it, or V8 refused it (another Node or other flags). */
  cache: 'none' | 'accepted' | 'rejected'
}

/** Compiles a CommonJS file as Node's loader would wrap it, from its code cache when there is one. */
export function compileWithCodeCache (codeFile: string): CompiledCode {
  let cachedData: Buffer | undefined
  try {
    cachedData = readFileSync(codeCacheFile(codeFile))
  } catch {}
  // No importModuleDynamically: the bundler turned every import() into require().
  const script = new Script(Module.wrap(readFileSync(codeFile, 'utf8')), { filename: codeFile, cachedData })
  return { script, cache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'accepted' }
}

/** Runs compiled CommonJS code as the main module's code would run: its own require, module and paths. */
export function runAsModule (script: Script, codeFile: string): void {
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void
  const module = { exports: {}, filename: codeFile, id: '.', loaded: false }
  run.call(module.exports, module.exports, createRequire(codeFile), module, codeFile, dirname(codeFile))
}

/**
 * Writes the cache of everything compiled so far, atomically (a reader never sees half a file).
 * False when it cannot be written: a read-only install (the container's, whose cache was made when
 * the image was built) starts as fast, and one without a cache only compiles as before.
 */
export function writeCodeCache (script: Script, codeFile: string): boolean {
  const target = codeCacheFile(codeFile)
  const partial = `${target}.${process.pid}.partial`
  try {
    writeFileSync(partial, script.createCachedData())
    renameSync(partial, target)
    return true
  } catch {
    rmSync(partial, { force: true })
    return false
  }
}
