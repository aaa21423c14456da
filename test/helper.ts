import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../src/app.js'
import { ContentValidationError, formatIssue } from '../src/content/content-issue.js'
import { loadContent } from '../src/content/load-content.js'
import { buildStore } from '../src/store/build-store.js'
import { latestSchemaVersion, readMigrations } from '../src/store/migrations.js'
import { enforceContract } from './contract/enforce-contract.js'

export const ROOT = resolve(import.meta.dirname, '..')
export const DATA_DIR = join(ROOT, 'data')
export const MIGRATIONS_DIR = join(ROOT, 'migrations')
/** The schema version the code expects: the newest migration. */
export const SCHEMA_VERSION = latestSchemaVersion(readMigrations(MIGRATIONS_DIR))

let sharedStore: Promise<string> | undefined

/** A store built from the real data/ once per test file, in a temporary folder. */
export async function testStorePath (): Promise<string> {
  sharedStore ??= (async () => {
    const folder = mkdtempSync(join(tmpdir(), 'qga-store-'))
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }))
    const storePath = join(folder, 'guide.db')
    await buildStore({ dataDir: DATA_DIR, migrationsDir: MIGRATIONS_DIR, storePath })
    return storePath
  })()
  return await sharedStore
}

/**
 * The whole app on a freshly built store, closed when the test ends. Every answer its `inject`
 * gives is checked against openapi.yaml: one the document does not describe fails the test.
 */
export async function buildTestApp (t: Test): Promise<FastifyInstance> {
  // No load shedding: a busy CI machine, or compiling the contract's validators, can hold the
  // event loop past the limit, and tests would get 503s they did not ask for (request-limits tests do).
  const app = await buildApp({ storePath: await testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'silent', maxEventLoopDelayMs: 0 })
  t.teardown(() => app.close())
  await app.ready()
  enforceContract(app)
  return app
}

/** A temporary folder removed when the test ends. */
export function temporaryFolder (t: Test, prefix = 'qga-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix))
  t.teardown(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}

/** A copy of data/ that a test may break on purpose. */
export function copyOfData (t: Test): string {
  const folder = join(temporaryFolder(t, 'qga-data-'), 'data')
  cpSync(DATA_DIR, folder, { recursive: true })
  return folder
}

/** The `file: field: message` lines loading a data folder gives (none when it is valid). */
export function contentIssuesOf (dataDir: string): string[] {
  try {
    loadContent(dataDir, join(dataDir, '..'))
  } catch (error) {
    if (error instanceof ContentValidationError) return error.issues.map(formatIssue)
    throw error
  }
  return []
}

/** Rewrites a file in place, for breaking a copy of data/ on purpose. */
export function editFile (path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')))
}
