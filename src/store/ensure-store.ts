import type { AppConfig } from '../config.js'
import { buildStore, type BuildSummary } from './build-store.js'
import { storeNeedsBuild } from './store-needs-build.js'

/**
 * Rebuilds the store from data/ when storeNeedsBuild says so, so that `npm start` after an edit
 * or a pull serves it. Returns the build summary, or undefined when the store is current (or
 * rebuilding is switched off).
 */
export async function ensureStore (config: Pick<AppConfig, 'storePath' | 'dataDir' | 'migrationsDir' | 'buildStoreOnStart'>): Promise<BuildSummary | undefined> {
  if (!storeNeedsBuild(config)) return undefined
  return await buildStore({ dataDir: config.dataDir, migrationsDir: config.migrationsDir, storePath: config.storePath })
}
