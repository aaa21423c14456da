import t from 'tap'
import { buildTestApp } from '../../../helper.js'

t.test('GET /v1/threats: the nine threat types in both languages', async (t) => {
  const app = await buildTestApp(t)
  const english = (await app.inject('/v1/threats')).json()
  t.same(english.items.map((threat: { id: string }) => threat.id), ['anonymity', 'targeted-attacks', 'supply-chain-attacks', 'passive-attacks',
    'service-providers', 'mass-surveillance', 'surveillance-capitalism', 'public-exposure', 'censorship'])
  t.equal(english.items[0].name, 'Anonymity')
  const russian = (await app.inject('/v1/threats?lang=ru')).json()
  t.same(russian.items.map((threat: { name: string }) => threat.name), ['Анонимность', 'Целенаправленные атаки', 'Атаки на цепочку поставок', 'Пассивные атаки',
    'Поставщики услуг', 'Массовое наблюдение', 'Капитализм слежки', 'Информация в открытом доступе', 'Цензура'])
})

t.test('GET /v1/threats/{id} lists the practices that address it', async (t) => {
  const app = await buildTestApp(t)
  const threat = (await app.inject('/v1/threats/censorship')).json()
  t.ok(threat.practices.some((practice: { id: string }) => practice.id === 'tor-bridges'))
  t.ok(threat.practices.every((practice: { how: string }) => practice.how.length > 0))
  t.ok(threat.sources.length > 0)
  const missing = await app.inject('/v1/threats/aliens')
  t.equal(missing.statusCode, 404)
  t.match(missing.json().detail, 'the threats are anonymity, ')
})

t.test('GET /v1/activities and /v1/practices with filters', async (t) => {
  const app = await buildTestApp(t)
  const activities = (await app.inject('/v1/activities')).json()
  t.ok(activities.items.length >= 9)
  t.ok(activities.items.some((activity: { id: string }) => activity.id === 'journalism-sources'))
  const all = (await app.inject('/v1/practices')).json()
  t.ok(all.items.length >= 20)
  const forBanking = (await app.inject('/v1/practices?activity=banking')).json()
  t.ok(forBanking.items.length > 0)
  t.ok(forBanking.items.every((practice: { activities: string[] }) => practice.activities.includes('banking')))
  const both = (await app.inject('/v1/practices?activity=banking&threat=targeted-attacks')).json()
  t.ok(both.items.every((practice: { activities: string[], threats: string[] }) => practice.activities.includes('banking') && practice.threats.includes('targeted-attacks')))
  const badActivity = await app.inject('/v1/practices?activity=knitting')
  t.equal(badActivity.statusCode, 400)
  t.match(badActivity.json().detail, 'valid activities are')
  t.equal((await app.inject('/v1/practices?threat=aliens')).statusCode, 400)
})

t.test('GET /v1/practices/{id}: steps with exact commands, threats and how, residual risks, sources', async (t) => {
  const app = await buildTestApp(t)
  const practice = (await app.inject('/v1/practices/open-untrusted-in-disposables?lang=ru')).json()
  t.match(practice.title, /[а-яё]/i)
  t.ok(practice.steps.length > 0)
  t.ok(practice.steps.some((step: { command: string | null }) => step.command?.includes('qvm-open-in-dvm')))
  t.ok(practice.mitigates.length > 0)
  t.ok(practice.residualRisks.length > 0)
  t.ok(practice.sources.length > 0)
  t.ok(['low', 'medium', 'high'].includes(practice.effort))
  t.equal((await app.inject('/v1/practices/nope')).statusCode, 404)
})

t.test('GET /v1/threat-model/questions: the five questions tied to the inputs', async (t) => {
  const app = await buildTestApp(t)
  const questions = (await app.inject('/v1/threat-model/questions')).json()
  t.equal(questions.items.length, 5)
  t.same(questions.items.map((question: { id: string }) => question.id), ['what-to-protect', 'protect-from-whom', 'how-likely', 'how-bad', 'how-much-trouble'])
  t.ok(questions.items.every((question: { fills: string[] }) => question.fills.length > 0))
  t.equal(questions.inputs.threats.length, 9)
  t.same(questions.inputs.constraints.maxEffort, ['low', 'medium', 'high'])
})
