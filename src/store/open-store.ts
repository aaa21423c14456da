import { closeSync, openSync, readSync, statSync } from 'node:fs'
import Database, { type Database as SqliteDatabase } from 'better-sqlite3'

/** Why a store cannot be served; the message is one line fit for a log or a terminal. */
export class StoreUnavailableError extends Error {
  constructor (message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StoreUnavailableError'
  }
}

const REBUILD_HINT = 'rebuild it with npm run db:build'
// https://www.sqlite.org/fileformat.html#the_database_header
const HEADER_BYTES = 100
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

function readHeader (storePath: string): Buffer {
  const fd = openSync(storePath, 'r')
  try {
    const header = Buffer.alloc(HEADER_BYTES)
    return header.subarray(0, readSync(fd, header, 0, HEADER_BYTES, 0))
  } finally {
    closeSync(fd)
  }
}

/**
 * The schema version (PRAGMA user_version) a store's header records, read without opening it;
 * undefined when the file is missing or not a SQLite database.
 */
export function headerSchemaVersion (storePath: string): number | undefined {
  let header: Buffer
  try {
    header = readHeader(storePath)
  } catch {
    return undefined
  }
  if (header.length < HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return undefined
  return header.readUInt32BE(60)
}

/**
 * Refuses a missing, empty or truncated file before SQLite sees it: SQLite reads an empty file as
 * an empty database and a truncated one as "malformed", neither of which says what happened.
 */
function checkStoreFile (storePath: string): void {
  let size: number
  try {
    size = statSync(storePath).size
  } catch {
    throw new StoreUnavailableError(`store not found at ${storePath}: build it with npm run db:build`)
  }
  if (size === 0) throw new StoreUnavailableError(`store at ${storePath} is empty (0 bytes): ${REBUILD_HINT}`)
  const header = readHeader(storePath)
  // Anything else is left to SQLite, which says "file is not a database".
  if (!header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC.subarray(0, header.length))) return
  if (header.length < HEADER_BYTES) {
    throw new StoreUnavailableError(`store at ${storePath} is truncated (${size} bytes, shorter than a SQLite header): ${REBUILD_HINT}`)
  }
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const pageCount = header.readUInt32BE(28)
  // The page count is only trusted when its "valid for" number matches the change counter.
  const pageCountValid = pageCount > 0 && header.readUInt32BE(92) === header.readUInt32BE(24)
  if (pageCountValid && size < pageSize * pageCount) {
    throw new StoreUnavailableError(`store at ${storePath} is truncated (${size} of ${pageSize * pageCount} bytes): ${REBUILD_HINT}`)
  }
}

/** quick_check answers "ok" or a newline-separated list of problems: the first, and how many more. */
function describeIntegrity (result: string): string {
  const problems = result.split('\n').filter((line) => line !== '' && !line.startsWith('***'))
  const more = problems.length > 1 ? ` and ${problems.length - 1} more` : ''
  return `${problems[0] ?? result}${more}`
}

/** Opens a store read-only and query-only after checking the file and its integrity. */
function openIntact (storePath: string): SqliteDatabase {
  checkStoreFile(storePath)
  let db: SqliteDatabase | undefined
  try {
    db = new Database(storePath, { readonly: true, fileMustExist: true })
    db.pragma('query_only = ON')
    const integrity = String(db.pragma('quick_check', { simple: true }))
    if (integrity !== 'ok') throw new StoreUnavailableError(`store at ${storePath} is damaged (${describeIntegrity(integrity)}): ${REBUILD_HINT}`)
    return db
  } catch (error) {
    db?.close()
    if (error instanceof StoreUnavailableError) throw error
    const { code, message } = error as Error & { code?: string }
    if (code === 'SQLITE_CORRUPT') throw new StoreUnavailableError(`store at ${storePath} is damaged (${message}): ${REBUILD_HINT}`, { cause: error })
    throw new StoreUnavailableError(`store at ${storePath} cannot be opened: ${message}`, { cause: error })
  }
}

function newerSchemaError (storePath: string, version: number, expectedSchemaVersion: number): StoreUnavailableError {
  return new StoreUnavailableError(`store at ${storePath} has schema version ${version}, newer than this code supports (${expectedSchemaVersion}): update the code or rebuild the store`)
}

/**
 * Opens a built store for serving: read-only, query_only, checked for integrity and for a schema
 * version this code was written for. Any failure is a StoreUnavailableError naming the cause.
 */
export function openStore (storePath: string, expectedSchemaVersion: number): SqliteDatabase {
  const db = openIntact(storePath)
  const version = db.pragma('user_version', { simple: true }) as number
  if (version === expectedSchemaVersion) return db
  db.close()
  if (version > expectedSchemaVersion) throw newerSchemaError(storePath, version, expectedSchemaVersion)
  throw new StoreUnavailableError(`store at ${storePath} has schema version ${version}, older than this code needs (${expectedSchemaVersion}): ${REBUILD_HINT}`)
}

/**
 * Throws unless the file is a store this code could have written: intact, with this schema
 * version or an older one. Used before replacing a store without being asked to.
 */
export function checkReplaceableStore (storePath: string, expectedSchemaVersion: number): void {
  const db = openIntact(storePath)
  const version = db.pragma('user_version', { simple: true }) as number
  db.close()
  if (version > expectedSchemaVersion) throw newerSchemaError(storePath, version, expectedSchemaVersion)
}
