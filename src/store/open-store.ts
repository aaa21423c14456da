import { existsSync } from 'node:fs'
import Database, { type Database as SqliteDatabase } from 'better-sqlite3'

/** Why a store cannot be served; the message is one line fit for a log or a terminal. */
export class StoreUnavailableError extends Error {
  constructor (message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StoreUnavailableError'
  }
}

/**
 * Opens a built store for serving: read-only, query_only, checked for integrity and for a schema
 * version this code was written for. Any failure is a StoreUnavailableError naming the cause.
 */
export function openStore (storePath: string, expectedSchemaVersion: number): SqliteDatabase {
  if (!existsSync(storePath)) {
    throw new StoreUnavailableError(`store not found at ${storePath}: build it with npm run db:build`)
  }
  let db: SqliteDatabase | undefined
  try {
    db = new Database(storePath, { readonly: true, fileMustExist: true })
    db.pragma('query_only = ON')
    const integrity = db.pragma('quick_check', { simple: true })
    if (integrity !== 'ok') throw new StoreUnavailableError(`store at ${storePath} is damaged (${String(integrity)}): rebuild it with npm run db:build`)
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > expectedSchemaVersion) {
      throw new StoreUnavailableError(`store at ${storePath} has schema version ${version}, newer than this code supports (${expectedSchemaVersion}): update the code or rebuild the store`)
    }
    if (version < expectedSchemaVersion) {
      throw new StoreUnavailableError(`store at ${storePath} has schema version ${version}, older than this code needs (${expectedSchemaVersion}): rebuild it with npm run db:build`)
    }
    return db
  } catch (error) {
    db?.close()
    if (error instanceof StoreUnavailableError) throw error
    throw new StoreUnavailableError(`store at ${storePath} cannot be opened: ${(error as Error).message}`, { cause: error })
  }
}
