import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp, SERVER_TIMEOUTS, type BuildAppConfig } from '../../src/app.js'
import { DEFAULT_RATE_LIMIT } from '../../src/config.js'
import { MAX_URL_LENGTH } from '../../src/http/fast-path.js'
import { PRESSURE_RETRY_AFTER_SECONDS } from '../../src/plugins/request-limits.js'
import { enforceContract } from '../contract/enforce-contract.js'
import { buildTestApp, MIGRATIONS_DIR, testStorePath } from '../helper.js'

async function appWith (t: Test, extra: Partial<BuildAppConfig>): Promise<FastifyInstance> {
  const app = await buildApp({ storePath: await testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'silent', ...extra })
  t.teardown(() => app.close())
  await app.ready()
  // The 429s and 503s these apps give are checked against openapi.yaml like every other answer.
  enforceContract(app)
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
  t.equal((await app.inject('/ready?probe=kubelet')).statusCode, 200, 'a probe with a query string is a probe too')
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
  const app = await appWith(t, { maxEventLoopDelayMs: 5, pressureSampleIntervalMs: 50 })
  // Hold the event loop for a while, then wait until the sampler has seen it.
  const until = Date.now() + 400
  while (Date.now() < until) { /* busy on purpose */ }
  while (!app.isOverloaded()) await new Promise((resolve) => setImmediate(resolve))
  // Asked together, before the next sample can clear the pressure.
  const [refused, health, ready] = await Promise.all([app.inject('/v1/topics'), app.inject('/health'), app.inject('/ready')])
  t.equal(refused.statusCode, 503)
  t.equal(refused.headers['retry-after'], String(PRESSURE_RETRY_AFTER_SECONDS))
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(refused.json(), { type: '/problems/unavailable', status: 503, detail: 'The server is overloaded; try again in 10 s' })
  t.equal(refused.headers.etag, undefined, 'nothing of a cached answer leaks into the refusal')
  t.equal(health.statusCode, 200, 'a busy process is not a dead one')
  t.equal(ready.statusCode, 503, 'but it is not ready for more')
})

t.test('the server bounds how long a client may take', async (t) => {
  const app = await buildTestApp(t)
  t.equal(app.server.headersTimeout, SERVER_TIMEOUTS.headersMs)
  t.equal(app.server.requestTimeout, SERVER_TIMEOUTS.requestMs)
  t.equal(app.server.keepAliveTimeout, SERVER_TIMEOUTS.keepAliveMs)
  t.equal(app.server.timeout, 0, 'no socket timeout, re-armed on every request: unread answers are the guard\'s')
})

/** Sends `count` pipelined GETs of `path` on one connection; resolves with the socket once connected. */
async function pipelined (base: string, path: string, count: number): Promise<Socket> {
  const { port } = new URL(base)
  const socket = connect(Number(port), '127.0.0.1')
  await once(socket, 'connect')
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`.repeat(count))
  return socket
}

t.test('a connection whose client stops reading its answers is closed; one that reads is not', async (t) => {
  const app = await appWith(t, { stalledWrites: { limitMs: 300, sweepMs: 50 } })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const connections = async (): Promise<number> => await new Promise((resolve, reject) => {
    app.server.getConnections((error, count) => { if (error === null) resolve(count); else reject(error) })
  })
  // About 25 MB of answers each: far more than loopback's buffers hold, so most of it waits in Node.
  const unread = await pipelined(base, '/v1/topics/copying-text', 3000)
  // A paused socket reads nothing more, so it will not see the server close it either.
  unread.pause()
  const reader = await pipelined(base, '/v1/topics/copying-text', 3000)
  let read = 0
  reader.on('data', (chunk: Buffer) => { read += chunk.length })
  const started = Date.now()
  /** Waits until `done` says so, for 10 s at most. */
  const until = async (done: () => Promise<boolean> | boolean): Promise<void> => {
    while (!(await done()) && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 25))
  }
  await until(async () => await connections() < 2)
  t.equal(await connections(), 1, 'the server closed one connection')
  t.ok(Date.now() - started >= 300, 'not before the limit')
  t.equal(reader.destroyed, false, 'the reading client keeps its connection')
  await until(() => read > 20_000_000)
  t.ok(read > 20_000_000, 'and gets its answers')
  unread.resume()
  const [error] = await Promise.race([once(unread, 'error'), once(unread, 'close').then(() => [undefined])])
  t.ok(error === undefined || (error as NodeJS.ErrnoException).code === 'ECONNRESET', 'the unread one ends, once it reads again')
  reader.destroy()
})

t.test('a request that arrives while the server closes gets a 503 problem and ends its connection', async (t) => {
  const app = await buildApp({ storePath: await testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'silent', maxEventLoopDelayMs: 0 })
  let letCloseGoOn = (): void => {}
  // Holds closing open after the app's own preClose hook has run, as a slow shutdown would.
  app.addHook('preClose', async () => await new Promise<void>((resolve) => { letCloseGoOn = resolve }))
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  t.equal((await fetch(`${base}/v1/topics`)).status, 200)
  t.equal((await fetch(`${base}/v1/topics`)).status, 200, 'and again, from memory')
  const closed = app.close()
  await new Promise((resolve) => setImmediate(resolve))
  const late = await fetch(`${base}/v1/topics`)
  letCloseGoOn()
  await closed
  t.equal(late.status, 503, 'not from memory either')
  t.equal(late.headers.get('connection'), 'close')
  t.equal(late.headers.get('retry-after'), '5')
  t.equal(late.headers.get('content-type'), 'application/problem+json; charset=utf-8')
  t.match(await late.json(), { type: '/problems/unavailable', status: 503, detail: 'The server is shutting down; try again shortly' })
  t.equal(late.headers.get('access-control-allow-origin'), '*', 'a browser can read it')
  t.equal(late.headers.get('x-content-type-options'), 'nosniff')
  t.match(late.headers.get('x-request-id'), /^[0-9a-f-]{36}$/)
})
