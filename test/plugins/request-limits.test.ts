import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp, DEFAULT_RATE_LIMIT, SERVER_TIMEOUTS, type BuildAppConfig } from '../../src/app.js'
import { MAX_URL_LENGTH } from '../../src/http/fast-path.js'
import { PRESSURE_RETRY_AFTER_SECONDS } from '../../src/plugins/request-limits.js'
import { buildTestApp, MIGRATIONS_DIR, testStorePath } from '../helper.js'

async function appWith (t: Test, extra: Partial<BuildAppConfig>): Promise<FastifyInstance> {
  const app = await buildApp({ storePath: testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'silent', ...extra })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

t.test('every answer carries the rate-limit headers; the default is generous', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1/topics')
  t.equal(response.headers['ratelimit-policy'], `"per-address";q=${DEFAULT_RATE_LIMIT.max};w=${DEFAULT_RATE_LIMIT.windowSeconds}`)
  t.match(response.headers.ratelimit, /^"per-address";r=\d+;t=\d+$/)
  const missing = await app.inject('/v1/topics/nothing-here')
  t.equal(missing.statusCode, 404)
  t.ok(missing.headers.ratelimit, 'errors count and say so too')
})

t.test('past the quota: 429 problem with Retry-After; probes are exempt', async (t) => {
  const app = await appWith(t, { rateLimit: { max: 2, windowSeconds: 30 } })
  t.equal((await app.inject('/v1/topics')).statusCode, 200)
  t.equal((await app.inject('/v1/layouts')).statusCode, 200)
  const refused = await app.inject({ url: '/v1/topics', headers: { origin: 'https://example.org' } })
  t.equal(refused.statusCode, 429)
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(refused.headers['retry-after'], '30')
  t.equal(refused.headers.ratelimit, '"per-address";r=0;t=30')
  t.equal(refused.headers['access-control-allow-origin'], '*')
  t.equal(refused.headers['x-content-type-options'], 'nosniff', 'helmet headers too')
  t.equal(refused.headers.etag, undefined, 'nothing of the cached answer leaks into the refusal')
  t.match(refused.json(), { type: '/problems/too-many-requests', title: 'Too many requests', status: 429, instance: '/v1/topics', detail: 'This address has made more than 2 requests in the current window; try again in 30 s' })
  t.equal((await app.inject('/health')).statusCode, 200)
  t.equal((await app.inject('/ready')).statusCode, 200)
  const otherAddress = await app.inject({ url: '/v1/topics', remoteAddress: '192.0.2.7' })
  t.equal(otherAddress.statusCode, 200, 'each address has its own quota')
})

t.test('RATE_LIMIT_MAX=0 turns the limit and its headers off', async (t) => {
  const app = await appWith(t, { rateLimit: { max: 0, windowSeconds: 60 } })
  for (let index = 0; index < 5; index++) t.equal((await app.inject('/v1/topics')).statusCode, 200)
  t.equal((await app.inject('/v1/topics')).headers.ratelimit, undefined)
})

t.test('an over-long URL is a 414 problem', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject(`/v1/search?q=${'a'.repeat(MAX_URL_LENGTH)}`)
  t.equal(response.statusCode, 414)
  t.match(response.json(), { type: '/problems/uri-too-long', status: 414, detail: `The URL is ${MAX_URL_LENGTH + 13} characters long; the limit is ${MAX_URL_LENGTH}` })
  t.equal((await app.inject(`/v1/${'a'.repeat(MAX_URL_LENGTH - 4)}`)).statusCode, 404, 'at the limit it is routed as usual')
})

t.test('under event-loop pressure: 503 with Retry-After; liveness still answers', async (t) => {
  const app = await appWith(t, { maxEventLoopDelayMs: 5, pressureSampleIntervalMs: 10 })
  t.equal((await app.inject('/v1/topics')).statusCode, 200, 'no pressure yet')
  // Hold the event loop for a while, then let the sampler see it.
  const until = Date.now() + 300
  while (Date.now() < until) { /* busy on purpose */ }
  await new Promise((resolve) => setTimeout(resolve, 15))
  const refused = await app.inject('/v1/topics')
  t.equal(refused.statusCode, 503)
  t.equal(refused.headers['retry-after'], String(PRESSURE_RETRY_AFTER_SECONDS))
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(refused.json(), { type: '/problems/unavailable', status: 503, detail: 'The server is overloaded; try again in 10 s' })
  t.equal(refused.headers.etag, undefined, 'nothing of the cached answer leaks into the refusal')
  t.equal((await app.inject('/health')).statusCode, 200, 'a busy process is not a dead one')
  t.equal((await app.inject('/ready')).statusCode, 503, 'but it is not ready for more')
})

t.test('the server bounds how long a client may take', async (t) => {
  const app = await buildTestApp(t)
  t.equal(app.server.headersTimeout, SERVER_TIMEOUTS.headersMs)
  t.equal(app.server.requestTimeout, SERVER_TIMEOUTS.requestMs)
  t.equal(app.server.keepAliveTimeout, SERVER_TIMEOUTS.keepAliveMs)
  t.equal(app.server.timeout, SERVER_TIMEOUTS.idleSocketMs)
})
