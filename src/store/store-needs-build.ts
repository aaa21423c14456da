import { existsSync } from 'node:fs'
import type { AppConfig } from '../config.js'
import { latestSchemaVersion, readMigrations } from './migrations.js'
import { checkReplaceableStore, headerSchemaVersion, StoreUnavailableError } from './open-store.js'
import { storeIsStale } from './store-freshness.js'

/**
 * Whether start-up should build the store from data/: it is missing, older than data/ and
 * migrations/, or of an older schema (and rebuilding is switched on). Kept apart from the build
 * itself, so that a server whose store is current never loads the content loaders (Markdown,
 * YAML, their schemas) at all.
 *
 * A file that is there is replaced only when it is an intact store of this schema or an older one.
 * Builds are atomic, so a damaged, truncated or foreign file at STORE_PATH means something else
 * went wrong (a failing disk, a half-copied deploy, a STORE_PATH pointing at someone's file):
 * overwriting it would hide that, or destroy a file that was never ours. A newer schema means newer
 * code wrote it, which this code must not downgrade. Such a file is refused with the same line as
 * without rebuilding, saying it was left in place; `npm run db:build` replaces it on purpose.
 */
export function storeNeedsBuild (config: Pick<AppConfig, 'storePath' | 'dataDir' | 'migrationsDir' | 'buildStoreOnStart'>): boolean {
  if (!config.buildStoreOnStart) return false
  if (!existsSync(config.storePath)) return true

  const expectedSchemaVersion = latestSchemaVersion(readMigrations(config.migrationsDir))
  const olderSchema = (headerSchemaVersion(config.storePath) ?? expectedSchemaVersion) < expectedSchemaVersion
  if (!olderSchema && !storeIsStale(config.storePath, [config.dataDir, config.migrationsDir])) return false
  try {
    checkReplaceableStore(config.storePath, expectedSchemaVersion)
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error
    throw new StoreUnavailableError(`${error.message}; left in place: start-up replaces only an intact store`, { cause: error })
  }
  return true
}
