import type { AppConfig } from '../config.js'
import { buildStore, type BuildSummary } from './build-store.js'
import { storeIsStale } from './store-freshness.js'

/**
 * Rebuilds the store from data/ when it is missing or older than data/ and migrations/, so that
 * `npm start` after an edit serves the edit. Returns the build summary, or undefined when the
 * store was fresh (or rebuilding is switched off).
 */
export function ensureStore (config: Pick<AppConfig, 'storePath' | 'dataDir' | 'migrationsDir' | 'buildStoreOnStart'>): BuildSummary | undefined {
  if (!config.buildStoreOnStart || !storeIsStale(config.storePath, [config.dataDir, config.migrationsDir])) return undefined
  return buildStore({ dataDir: config.dataDir, migrationsDir: config.migrationsDir, storePath: config.storePath })
}
