import t from 'tap'
import { securityHeaders } from '../../src/plugins/security.js'
import { buildTestApp } from '../helper.js'

t.test('the helmet headers are worked out once, with their values', async (t) => {
  const headers = securityHeaders({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"] } }, xFrameOptions: false })
  t.equal(headers['Content-Security-Policy'], "default-src 'none'")
  t.equal(headers['Strict-Transport-Security'], 'max-age=31536000; includeSubDomains')
  t.equal(headers['X-Content-Type-Options'], 'nosniff')
  t.notOk('X-Frame-Options' in headers, 'an option turned off sets nothing')
  t.notOk('X-Powered-By' in headers, 'a header helmet removes is not added')
  t.throws(() => securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } }), /invalid directive value/, 'bad options stop the start')
})

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
    t.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', url)
    t.equal(response.headers['cross-origin-resource-policy'], 'cross-origin', url)
    t.equal(response.headers['x-frame-options'], 'SAMEORIGIN', url)
    t.notOk(response.headers['set-cookie'], `${url}: no cookies`)
  }
})

t.test('every answer carries its request id', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1')
  t.match(response.headers['x-request-id'], /^[0-9a-f-]{36}$/)
})
