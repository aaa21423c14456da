import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { evaluateRetrieval, type RetrievalQuestion } from '../../src/search/evaluate-retrieval.js'
import { openStore } from '../../src/store/open-store.js'
import { PassagesRepository } from '../../src/store/passages-repository.js'
import { ROOT, SCHEMA_VERSION, testStorePath } from '../helper.js'

const questions = JSON.parse(readFileSync(join(ROOT, 'test', 'retrieval', 'questions.json'), 'utf8')) as RetrievalQuestion[]

t.test('the question set is large enough and half Russian', async (t) => {
  t.ok(questions.length >= 30)
  const russian = questions.filter((question) => question.lang === 'ru').length
  t.ok(russian * 2 >= questions.length - 1 && russian * 2 <= questions.length + 1, `${russian} of ${questions.length} in Russian`)
})

t.test('search finds the right passage for real questions (quality floor, not a timing)', async (t) => {
  const db = openStore(await testStorePath(), SCHEMA_VERSION)
  t.teardown(() => db.close())
  const index = new PassagesRepository(db)
  for (const ids of [new Set(questions.map((question) => question.expected))]) {
    for (const id of ids) t.ok(index.get(id, 'en') !== undefined, `${id} exists`)
  }
  const report = evaluateRetrieval(index, questions)
  t.comment(`recall@1 ${report.recallAt1} recall@3 ${report.recallAt3} MRR ${report.meanReciprocalRank}`)
  // Measured 0.871 and 0.767 when the set was written; these floors catch a regression.
  t.ok(report.recallAt3 >= 0.8, `recall@3 ${report.recallAt3}`)
  t.ok(report.meanReciprocalRank >= 0.7, `MRR ${report.meanReciprocalRank}`)
  for (const lang of ['en', 'ru'] as const) {
    const subset = evaluateRetrieval(index, questions.filter((question) => question.lang === lang))
    t.ok(subset.recallAt3 >= 0.75, `${lang} recall@3 ${subset.recallAt3}`)
  }
})
