import t from 'tap'
import { buildTestApp } from '../helper.js'

t.test('the reference viewer, made on first use, answers with the headers every answer carries', async (t) => {
  const app = await buildTestApp(t)
  const [page, again] = await Promise.all([app.inject('/docs/'), app.inject('/docs/static/swagger-initializer.js')])
  t.match(page.headers['content-type'], 'text/html')
  t.match(again.headers['content-type'], 'javascript')
  for (const answer of [page, again]) {
    t.equal(answer.statusCode, 200)
    t.equal(answer.headers['access-control-allow-origin'], '*')
    t.match(answer.headers['content-security-policy'], "script-src 'self'")
    t.equal(answer.headers['x-content-type-options'], 'nosniff')
    t.match(answer.headers['x-request-id'], /^[0-9a-f-]{36}$/)
    t.match(answer.headers.ratelimit, /^"per-address";r=\d+;t=\d+$/)
  }
  t.not(page.headers['x-request-id'], again.headers['x-request-id'], 'both requests made at once were handed over, each with its id')
  const head = await app.inject({ method: 'HEAD', url: '/docs/static/swagger-ui.css' })
  t.equal(head.statusCode, 200)
  t.equal(head.body, '')
})

t.test('the viewer reads the document the API serves', async (t) => {
  const app = await buildTestApp(t)
  const [viewer, served] = await Promise.all([app.inject('/docs/json'), app.inject('/openapi.json')])
  t.equal(viewer.statusCode, 200)
  t.same(viewer.json(), served.json())
  t.equal(viewer.json().info.title, 'Qubes Guide API')
})

t.test('a file the viewer does not have is a problem+json 404 under the request id of the answer', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject('/docs/static/no-such-file.js?x=1')
  t.equal(missing.statusCode, 404)
  t.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8')
  const problem = missing.json()
  t.equal(problem.type, '/problems/not-found')
  t.equal(problem.instance, '/docs/static/no-such-file.js')
  t.equal(problem.requestId, missing.headers['x-request-id'])
  t.match(problem.detail, 'GET /docs/static/no-such-file.js')
  const post = await app.inject({ method: 'POST', url: '/docs/', payload: {} })
  t.equal(post.statusCode, 405, 'other methods are this app\'s to refuse')
})
