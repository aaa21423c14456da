import t from 'tap'
import { buildTestApp } from '../helper.js'

t.test('CORS lets any site read the API, without credentials', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject({ url: '/v1/topics', headers: { origin: 'https://example.org' } })
  t.equal(response.headers['access-control-allow-origin'], '*')
  t.notOk(response.headers['access-control-allow-credentials'])
  const exposed = String(response.headers['access-control-expose-headers']).split(', ')
  for (const header of ['ETag', 'Link', 'Content-Language']) t.ok(exposed.includes(header), `exposes ${header}`)
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/topics/labels',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept-language' }
  })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], '*')
  t.match(preflight.headers['access-control-allow-methods'], 'GET')
  t.equal(preflight.headers['access-control-max-age'], '86400')
})

t.test('security headers are on every kind of answer', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/v1', '/v1/topics/labels.md', '/nope', '/docs']) {
    const response = await app.inject(url)
    t.equal(response.headers['x-content-type-options'], 'nosniff', url)
    t.match(response.headers['content-security-policy'], "default-src 'self'", url)
    t.match(response.headers['content-security-policy'], "frame-ancestors 'none'", url)
    t.equal(response.headers['referrer-policy'], 'no-referrer', url)
    t.notOk(response.headers['set-cookie'], `${url}: no cookies`)
  }
})

t.test('every answer carries its request id', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1')
  t.match(response.headers['x-request-id'], /^[0-9a-f-]{36}$/)
})
