import type { AppConfig } from './config.js'
import { buildApp } from './app.js'
import { ensureStore } from './store/ensure-store.js'

/** The OpenAPI document as the running app describes it: built from the route schemas, never by hand. */
export async function generateOpenApiYaml (config: Pick<AppConfig, 'storePath' | 'dataDir' | 'migrationsDir'>): Promise<string> {
  await ensureStore({ ...config, buildStoreOnStart: true })
  const app = await buildApp({ storePath: config.storePath, migrationsDir: config.migrationsDir, logLevel: 'silent' })
  try {
    await app.ready()
    return app.swagger({ yaml: true })
  } finally {
    await app.close()
  }
}
