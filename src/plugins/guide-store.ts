import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { latestSchemaVersion, readMigrations } from '../store/migrations.js'
import { openStore } from '../store/open-store.js'
import { readRelease } from '../store/release-repository.js'
import { TopicsRepository } from '../store/topics-repository.js'
import { readAllLayouts, readLayoutDiagrams } from '../store/layouts-repository.js'
import { LayoutCatalogue } from '../domain/layouts/catalogue.js'
import { SuggestionCatalogue } from '../domain/suggestions/catalogue.js'
import { ThreatModelsRepository } from '../store/threat-models-repository.js'
import { PassagesRepository } from '../store/passages-repository.js'
import type { ContentRelease } from '../store/write-store.js'

export interface GuideStore {
  release: ContentRelease
  topics: TopicsRepository
  layouts: LayoutCatalogue
  threatModels: ThreatModelsRepository
  suggestions: SuggestionCatalogue
  passages: PassagesRepository
  isOpen: () => boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    guide: GuideStore
  }
}

export interface GuideStoreOptions {
  storePath: string
  migrationsDir: string
}

/** The built content store, opened read-only for the life of the server. */
async function guideStore (app: FastifyInstance, options: GuideStoreOptions): Promise<void> {
  const db = openStore(options.storePath, latestSchemaVersion(readMigrations(options.migrationsDir)))
  const release = readRelease(db)
  const threatModels = new ThreatModelsRepository(db)
  const layouts = readAllLayouts(db)
  app.decorate('guide', {
    release,
    topics: new TopicsRepository(db),
    layouts: new LayoutCatalogue(layouts, release.version, readLayoutDiagrams(db, layouts)),
    threatModels,
    suggestions: new SuggestionCatalogue(threatModels.readAll()),
    passages: new PassagesRepository(db),
    isOpen: () => db.open
  })
  app.addHook('onClose', async () => {
    db.close()
  })
}

export default fp(guideStore, { name: 'guide-store', fastify: '5.x' })
