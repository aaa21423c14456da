import t from 'tap'
import { buildTestApp } from '../helper.js'

t.test('GET /health answers while the process lives', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/health')
  t.equal(response.statusCode, 200)
  t.same(response.json(), { status: 'ok' })
})

t.test('GET /ready reports the release of the open store', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/ready')
  t.equal(response.statusCode, 200)
  t.same(response.json(), { status: 'ready', release: app.guide.release })
  t.match(app.guide.release.contentHash, /^[0-9a-f]{64}$/)
})
