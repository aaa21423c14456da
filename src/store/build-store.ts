import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { loadContent } from '../content/load-content.js'
import { LOCALES } from '../content/locales.js'
import { renderLayoutDiagrams } from '../domain/layouts/catalogue.js'
import { migrate, readMigrations } from './migrations.js'
import { type ContentRelease, releaseFor, writeContent } from './write-store.js'

export interface BuildStoreOptions {
  dataDir: string
  migrationsDir: string
  storePath: string
  now?: Date
}

export interface BuildSummary {
  storePath: string
  release: ContentRelease
  schemaVersion: number
  counts: {
    topics: number
    topicsByLocale: Record<string, number>
    sources: number
    corrections: number
    layouts: number
    qubes: number
    /** SVG diagrams rendered: one per layout and language. */
    diagrams: number
    practices: number
    threats: number
    activities: number
    rules: number
  }
  milliseconds: number
  /** Temporary files of interrupted builds this build removed. */
  removedTemporaryFiles: string[]
}

function fsyncPath (path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function processIsRunning (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the temporary stores (and their SQLite journals) of builds whose process is gone: a
 * build killed before its rename leaves `guide.db.tmp-<pid>` behind, and nothing else would ever
 * remove it. Builds still running keep theirs. A build in another PID namespace writing beside the
 * same store (two containers on one volume) looks gone from here; it would lose its temporary file
 * and fail, leaving the store as it was.
 */
export function removeAbandonedTemporaryFiles (storePath: string): string[] {
  const folder = dirname(storePath)
  const prefix = `${basename(storePath)}.tmp-`
  const removed: string[] = []
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue
    const pid = /^(\d+)(-journal)?$/.exec(name.slice(prefix.length))?.[1]
    if (pid === undefined || Number(pid) === process.pid || processIsRunning(Number(pid))) continue
    rmSync(join(folder, name), { force: true })
    removed.push(name)
  }
  return removed
}

/**
 * Validates data/, renders the layouts' diagrams, and writes a new store beside the old one, then
 * renames it into place, so a reader sees either the old store or the new one and never a
 * half-written file. Content errors throw ContentValidationError before anything is written.
 */
export async function buildStore (options: BuildStoreOptions): Promise<BuildSummary> {
  const started = performance.now()
  const content = loadContent(options.dataDir)
  const migrations = readMigrations(options.migrationsDir)
  const release = releaseFor(content, options.now ?? new Date())
  const diagrams = await renderLayoutDiagrams(content.layouts, release.version)

  mkdirSync(dirname(options.storePath), { recursive: true })
  const removedTemporaryFiles = removeAbandonedTemporaryFiles(options.storePath)
  const temporaryPath = `${options.storePath}.tmp-${process.pid}`
  rmSync(temporaryPath, { force: true })
  try {
    const db = new Database(temporaryPath)
    let schemaVersion: number
    try {
      // A rollback journal, not WAL: the store must be one self-contained file to rename.
      db.pragma('journal_mode = DELETE')
      db.pragma('foreign_keys = ON')
      schemaVersion = migrate(db, migrations)
      writeContent(db, content, release, diagrams)
      const violations = db.pragma('foreign_key_check') as unknown[]
      if (violations.length > 0) throw new Error(`the new store breaks ${violations.length} foreign keys`)
      db.exec('VACUUM')
    } finally {
      db.close()
    }
    fsyncPath(temporaryPath)
    renameSync(temporaryPath, options.storePath)
    fsyncPath(dirname(options.storePath))
    const topicsByLocale = Object.fromEntries(LOCALES.map((locale) => [locale, content.topics.length]))
    return {
      storePath: options.storePath,
      release,
      schemaVersion,
      counts: {
        topics: content.topics.length,
        topicsByLocale,
        sources: content.topics.reduce((sum, topic) => sum + topic.sources.length, 0),
        corrections: content.topics.reduce((sum, topic) => sum + topic.corrections.length, 0),
        layouts: content.layouts.length,
        qubes: content.layouts.reduce((sum, layout) => sum + layout.qubes.length, 0),
        diagrams: diagrams.length,
        practices: content.threatModels.practices.length,
        threats: content.threatModels.threats.length,
        activities: content.threatModels.activities.length,
        rules: content.threatModels.rules.practiceRules.length + content.threatModels.rules.layoutRules.length + content.threatModels.rules.warnings.length
      },
      milliseconds: Math.round(performance.now() - started),
      removedTemporaryFiles
    }
  } catch (error) {
    rmSync(temporaryPath, { force: true })
    rmSync(`${temporaryPath}-journal`, { force: true })
    throw error
  }
}

export function formatBuildSummary (summary: BuildSummary): string {
  const locales = Object.entries(summary.counts.topicsByLocale).map(([locale, count]) => `${locale} ${count}`).join(', ')
  return `db:build: wrote ${summary.storePath} (release ${summary.release.version}, schema ${summary.schemaVersion}): ` +
    `topics ${summary.counts.topics} (${locales}), sources ${summary.counts.sources}, ` +
    `corrections ${summary.counts.corrections}, layouts ${summary.counts.layouts} (en ${summary.counts.layouts}, ru ${summary.counts.layouts}, ` +
    `${summary.counts.qubes} qubes, ${summary.counts.diagrams} SVG diagrams), practices ${summary.counts.practices}, threats ${summary.counts.threats}, ` +
    `activities ${summary.counts.activities}, rules ${summary.counts.rules} (every text in en and ru) in ${summary.milliseconds} ms` +
    (summary.removedTemporaryFiles.length === 0 ? '' : `; removed what interrupted builds left: ${summary.removedTemporaryFiles.join(', ')}`)
}
