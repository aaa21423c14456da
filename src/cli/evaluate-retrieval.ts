import { readFileSync } from 'node:fs'
import { loadConfig } from '../config.js'
import { evaluateRetrieval, type RetrievalQuestion } from '../search/evaluate-retrieval.js'
import { ensureStore } from '../store/ensure-store.js'
import { latestSchemaVersion, readMigrations } from '../store/migrations.js'
import { openStore } from '../store/open-store.js'
import { PassagesRepository } from '../store/passages-repository.js'

/** npm run eval:retrieval [questions.json]: recall@1, recall@3 and MRR of search over a question set, per language. */
const config = loadConfig(process.env)
await ensureStore(config)
const db = openStore(config.storePath, latestSchemaVersion(readMigrations(config.migrationsDir)))
const index = new PassagesRepository(db)
const questions = JSON.parse(readFileSync(process.argv[2] ?? 'test/retrieval/questions.json', 'utf8')) as RetrievalQuestion[]
for (const [label, subset] of [['all', questions], ['en', questions.filter((q) => q.lang === 'en')], ['ru', questions.filter((q) => q.lang === 'ru')]] as const) {
  const report = evaluateRetrieval(index, subset)
  console.log(`${label.padEnd(3)} questions ${String(report.questions).padStart(3)}  recall@1 ${report.recallAt1.toFixed(3)}  recall@3 ${report.recallAt3.toFixed(3)}  MRR ${report.meanReciprocalRank.toFixed(3)}`)
  if (label === 'all') {
    for (const miss of report.misses) console.log(`  miss (rank ${miss.rank ?? '>10'}): ${miss.question} → expected ${miss.expected}, got ${miss.got.join(', ')}`)
  }
}
db.close()
