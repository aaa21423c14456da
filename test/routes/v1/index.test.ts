import t from 'tap'
import { buildTestApp } from '../../helper.js'

t.test('GET /v1 describes the release, the languages and the collections', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1')
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.same(body.release, app.guide.release)
  t.match(body.release.version, /^\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}$/)
  t.same(body.locales, ['en', 'ru'])
  t.same(body.links, {
    topics: '/v1/topics',
    layouts: '/v1/layouts',
    labels: '/v1/labels',
    threats: '/v1/threats',
    activities: '/v1/activities',
    practices: '/v1/practices',
    questions: '/v1/threat-model/questions',
    suggestions: '/v1/suggestions',
    search: '/v1/search{?q,lang,type,limit}',
    context: '/v1/context{?q,lang,maxChars}',
    openapi: '/openapi.json',
    docs: '/docs'
  })
  t.equal((await app.inject('/v1/')).statusCode, 200, 'a trailing slash is the same resource')
  for (const link of (Object.values(body.links) as string[]).filter((url) => !url.includes('{'))) {
    t.equal((await app.inject(link)).statusCode < 400, true, `${link} resolves`)
  }
})
