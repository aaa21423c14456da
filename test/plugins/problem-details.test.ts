import t from 'tap'
import { buildApp } from '../../src/app.js'
import { MIGRATIONS_DIR, buildTestApp, testStorePath } from '../helper.js'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'

t.test('an unknown route is a 404 problem, never HTML', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject({ url: '/nope/nothing?q=secret', headers: { accept: 'text/html' } })
  t.equal(response.statusCode, 404)
  t.equal(response.headers['content-type'], PROBLEM_JSON)
  t.same(Object.keys(response.json()).sort(), ['detail', 'instance', 'requestId', 'status', 'title', 'type'])
  t.match(response.json(), { type: '/problems/not-found', status: 404, instance: '/nope/nothing', detail: 'There is nothing at GET /nope/nothing; the API index is at /v1' })
  t.equal(response.json().requestId, response.headers['x-request-id'])
  t.equal(response.headers['access-control-allow-origin'], '*', 'CORS on errors too')
})

t.test('a known path with a wrong method is a 405 with Allow', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/v1/topics', '/v1/topics/labels', '/v1/topics/labels.md', '/health']) {
    const response = await app.inject({ method: 'DELETE', url })
    t.equal(response.statusCode, 405, url)
    t.equal(response.headers.allow, 'GET, HEAD')
    t.equal(response.headers['content-type'], PROBLEM_JSON)
    t.same(response.json().allowedMethods, ['GET', 'HEAD'])
    t.equal(response.json().detail, `DELETE is not allowed on ${url}; use GET or HEAD`)
  }
  t.equal((await app.inject({ method: 'PUT', url: '/v1/nothing-here' })).statusCode, 404)
})

t.test('a malformed URL is a 400 problem', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1/topics/%E0%A4%A')
  t.equal(response.statusCode, 400)
  t.equal(response.headers['content-type'], PROBLEM_JSON)
  t.equal(response.json().type, '/problems/bad-request')
})

t.test('a body sent where none is expected gets a problem, not a crash', async (t) => {
  const app = await buildTestApp(t)
  // Fastify parses the body before routing to the 405 answer, so broken JSON is reported first.
  const response = await app.inject({ method: 'POST', url: '/v1/topics', payload: '{"a":', headers: { 'content-type': 'application/json' } })
  t.equal(response.statusCode, 400)
  t.equal(response.headers['content-type'], PROBLEM_JSON)
  t.match(response.json().detail, /JSON/)
  const wellFormed = await app.inject({ method: 'POST', url: '/v1/topics', payload: '{}', headers: { 'content-type': 'application/json' } })
  t.equal(wellFormed.statusCode, 405)
  const unsupported = await app.inject({ method: 'POST', url: '/v1/nothing', payload: 'x', headers: { 'content-type': 'application/x-nonsense' } })
  t.equal(unsupported.headers['content-type'], PROBLEM_JSON)
})

t.test('client errors keep their status and message; crashes hide theirs', async (t) => {
  // Not checked against openapi.yaml: these routes exist only in this test, to crash on purpose.
  const app = await buildApp({ storePath: await testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'silent' })
  t.teardown(() => app.close())
  app.get('/test/crash', async () => {
    throw new Error('SELECT secret FROM internals at /srv/app.js:12')
  })
  app.get('/test/teapot', async () => {
    throw Object.assign(new Error('This is a teapot'), { statusCode: 418 })
  })
  app.post('/test/echo', async (request) => request.body)
  await app.ready()

  const crash = await app.inject('/test/crash')
  t.equal(crash.statusCode, 500)
  t.equal(crash.headers['content-type'], PROBLEM_JSON)
  t.notMatch(crash.body, 'secret')
  t.notMatch(crash.body, 'srv')
  t.match(crash.json(), { type: '/problems/internal-error', title: 'Internal server error', status: 500 })
  t.match(crash.json().detail, crash.headers['x-request-id'] as string)

  const teapot = await app.inject('/test/teapot')
  t.equal(teapot.statusCode, 418)
  t.match(teapot.json(), { type: '/problems/bad-request', detail: 'This is a teapot' })

  const badJson = await app.inject({ method: 'POST', url: '/test/echo', payload: '{"a":', headers: { 'content-type': 'application/json' } })
  t.equal(badJson.statusCode, 400)
  t.equal(badJson.headers['content-type'], PROBLEM_JSON)

  const tooLarge = await app.inject({ method: 'POST', url: '/test/echo', payload: JSON.stringify({ a: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } })
  t.equal(tooLarge.statusCode, 413)
  t.equal(tooLarge.json().type, '/problems/content-too-large')

  const wrongType = await app.inject({ method: 'POST', url: '/test/echo', payload: 'x', headers: { 'content-type': 'application/x-nonsense' } })
  t.equal(wrongType.statusCode, 415)
  t.equal(wrongType.json().type, '/problems/unsupported-media-type')
})

t.test('requests the HTTP parser rejects get a problem answer on the socket', async (t) => {
  const { connect } = await import('node:net')
  const app = await buildTestApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const send = (raw: string): Promise<string> => new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw))
    let answer = ''
    socket.on('data', (chunk) => { answer += chunk.toString() })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
  const malformed = await send('GET /v1 HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n')
  t.match(malformed, /^HTTP\/1\.1 400 Bad request\r\n/)
  t.match(malformed, 'Content-Type: application/problem+json')
  for (const header of ['Access-Control-Allow-Origin: *', 'X-Content-Type-Options: nosniff', "Content-Security-Policy: default-src 'none'"]) {
    t.match(malformed, `\r\n${header}`, `the socket answer has ${header.split(':')[0]} too`)
  }
  const body = JSON.parse(malformed.split('\r\n\r\n')[1] ?? '{}')
  t.same(body, { type: '/problems/bad-request', title: 'Bad request', status: 400, detail: 'The request could not be parsed as HTTP/1.1', instance: '/' })
  const huge = await send(`GET /v1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.match(huge, /^HTTP\/1\.1 431 Request header fields too large\r\n/)
})
