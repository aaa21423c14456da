import { createServer, get as httpGet, type IncomingMessage, type ServerResponse } from 'node:http'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp, type BuildAppConfig } from '../../src/app.js'
import { bodyKey, FastPath, MAX_URL_LENGTH } from '../../src/http/fast-path.js'
import { RateLimiter } from '../../src/http/rate-limiter.js'
import { RepresentationCache } from '../../src/http/representation-cache.js'
import { RequestIds } from '../../src/http/request-ids.js'
import { MIGRATIONS_DIR, testStorePath } from '../helper.js'

/** The whole app listening on a loopback port, with its log lines. */
async function listeningApp (t: Test, extra: Partial<BuildAppConfig> = {}): Promise<{ app: FastifyInstance, base: string, log: string[] }> {
  const log: string[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { log.push(String(chunk)); done() } })
  const app = await buildApp({ storePath: await testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'info', logStream, ...extra })
  t.teardown(() => app.close())
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, base, log }
}

const fromMemory = (log: string[]): number => log.filter((line) => line.includes('request completed from memory')).length

/** Headers that differ between any two answers, whoever makes them. */
const PER_REQUEST = new Set(['x-request-id', 'date', 'ratelimit'])
function stableHeaders (response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => !PER_REQUEST.has(name)).sort())
}

t.test('the second GET of a representation is answered from memory, byte for byte and header for header', async (t) => {
  const { base, log } = await listeningApp(t)
  for (const [path, headers] of [
    ['/v1/topics/copying-text', {}],
    ['/v1/topics/copying-text', { 'accept-language': 'ru' }],
    ['/v1/topics/copying-text', { accept: 'text/markdown' }],
    ['/v1/layouts/vpn-tor-chain/export?format=qvm', {}],
    ['/v1/search?q=vpn+tor&lang=ru', { origin: 'https://example.org' }]
  ] as Array<[string, Record<string, string>]>) {
    const before = fromMemory(log)
    const first = await fetch(base + path, { headers })
    const second = await fetch(base + path, { headers })
    t.equal(fromMemory(log), before + 1, `${path}: the second answer came from memory`)
    t.equal(second.status, 200)
    t.same(stableHeaders(second), stableHeaders(first), `${path}: same headers`)
    t.same(Buffer.from(await second.arrayBuffer()), Buffer.from(await first.arrayBuffer()), `${path}: same bytes`)
    t.not(second.headers.get('x-request-id'), first.headers.get('x-request-id'), 'each answer has its own request id')
    t.match(second.headers.get('x-request-id'), /^[0-9a-f-]{36}$/)
  }
  const memoryLines = log.filter((line) => line.includes('from memory'))
  t.match(JSON.parse(memoryLines.at(-1) ?? '{}'), { req: { method: 'GET', path: '/v1/search' }, res: { statusCode: 200 } })
  t.notOk(log.some((line) => line.includes('q=vpn') || line.includes('vpn+tor')), 'what people search for is never logged')
})

t.test('a request whose connection closes after the answer gets the same answer from memory, through writeHead', async (t) => {
  const { base, log } = await listeningApp(t)
  const kept = await fetch(`${base}/v1/topics/copying-text`)
  const keptBody = Buffer.from(await kept.arrayBuffer())
  const keptAgain = await fetch(`${base}/v1/topics/copying-text`)
  await keptAgain.arrayBuffer()
  // node:http without an agent asks for Connection: close, which a prepared head does not end with.
  const closed = await new Promise<{ headers: Record<string, string>, body: Buffer }>((resolve, reject) => {
    httpGet(`${base}/v1/topics/copying-text`, { agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => { resolve({ headers: response.headers as Record<string, string>, body: Buffer.concat(chunks) }) })
    }).on('error', reject)
  })
  t.equal(fromMemory(log), 2, 'both later answers came from memory')
  t.equal(closed.headers.connection, 'close')
  t.equal(keptAgain.headers.get('connection'), 'keep-alive')
  t.equal(keptAgain.headers.get('keep-alive'), 'timeout=10')
  const stable = (headers: Array<[string, string]>): Array<[string, string]> => headers.filter(([name]) => !PER_REQUEST.has(name) && name !== 'connection' && name !== 'keep-alive').sort()
  t.same(stable(Object.entries(closed.headers)), stable([...keptAgain.headers]), 'the same headers either way')
  t.same(closed.body, keptBody)
  t.match(closed.headers['x-request-id'], /^[0-9a-f-]{36}$/)
  t.match(closed.headers.ratelimit, /^"per-address";r=\d+;t=\d+$/)
})

t.test('a flood of distinct searches evicts other searches, and the topics stay in memory', async (t) => {
  // One MiB in all: half of it holds about a hundred search answers.
  const { base, log } = await listeningApp(t, { answerCacheMiB: 1 })
  await fetch(`${base}/v1/topics/copying-text`)
  await fetch(`${base}/v1/search?q=vpn+0`)
  let searchBytes = 0
  for (let query = 1; searchBytes < 1024 * 1024; query++) {
    searchBytes += (await (await fetch(`${base}/v1/search?q=vpn+${query}`)).arrayBuffer()).byteLength
  }
  const before = fromMemory(log)
  t.equal((await fetch(`${base}/v1/topics/copying-text`)).status, 200)
  t.equal(fromMemory(log), before + 1, 'the topic came from memory after a MiB of search answers')
  t.equal((await fetch(`${base}/v1/search?q=vpn+0`)).status, 200)
  t.equal(fromMemory(log), before + 1, 'the first search was evicted by the later ones')
})

t.test('revalidation, languages and rate limits on the fast path', async (t) => {
  const { base, log } = await listeningApp(t, { rateLimit: { max: 6, windowSeconds: 60 } })
  const english = await fetch(`${base}/v1/topics/labels`)
  const etag = english.headers.get('etag') ?? ''
  t.equal(english.headers.get('ratelimit'), '"per-address";r=5;t=60')
  const russian = await fetch(`${base}/v1/topics/labels`, { headers: { 'accept-language': 'ru' } })
  t.equal(russian.headers.get('content-language'), 'ru')

  const notModified = await fetch(`${base}/v1/topics/labels`, { headers: { 'if-none-match': `W/${etag}` } })
  t.equal(notModified.status, 304)
  t.equal(notModified.headers.get('etag'), etag)
  t.equal(notModified.headers.get('content-type'), null, 'a 304 has no body type')
  t.equal(notModified.headers.get('ratelimit-policy'), '"per-address";q=6;w=60')
  t.equal(notModified.headers.get('ratelimit'), '"per-address";r=3;t=60')
  const otherLanguage = await fetch(`${base}/v1/topics/labels`, { headers: { 'if-none-match': etag, 'accept-language': 'ru' } })
  t.equal(otherLanguage.status, 200, 'the Russian answer does not match the English tag')
  t.equal(otherLanguage.headers.get('content-language'), 'ru')
  t.equal(fromMemory(log), 2)

  await fetch(`${base}/v1/topics/labels`)
  await fetch(`${base}/v1/topics/labels`)
  const limited = await fetch(`${base}/v1/topics/labels`)
  t.equal(limited.status, 429, 'the seventh request of the window is refused')
  t.equal(limited.headers.get('content-type'), 'application/problem+json; charset=utf-8')
  t.equal(limited.headers.get('retry-after'), '60')
  t.equal(limited.headers.get('ratelimit'), '"per-address";r=0;t=60', 'counted once, by the fast path')
  t.equal(limited.headers.get('access-control-allow-origin'), '*', 'a browser can read the refusal')
  t.match(await limited.json(), { status: 429, type: '/problems/too-many-requests', detail: /more than 6 requests/ })
  t.equal((await fetch(`${base}/ready`)).status, 200, 'probes are never limited')
})

t.test('once closing starts, requests go to Fastify', async (t) => {
  const cache = new RepresentationCache(1 << 20)
  const fastPath = new FastPath({ cache, limiter: new RateLimiter({ max: 0, windowSeconds: 60 }), requestIds: new RequestIds(), keepAliveTimeoutMs: 5000 })
  const payload = Buffer.from('{"ok":true}')
  const key = '/thing\0en>en\0application/json'
  cache.set(key, { payload, etag: '"e"', headers: [], allHeaders: ['content-type', 'application/json', 'etag', '"e"'], notModifiedHeaders: ['etag', '"e"'] })
  let fallbacks = 0
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (fastPath.answer(request, response)) return
    fallbacks++
    response.writeHead(503).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => server.close())
  const address = server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`

  const hit = await fetch(`${base}/thing`)
  t.equal(hit.status, 200)
  t.equal(await hit.text(), '{"ok":true}')
  t.equal(hit.headers.get('ratelimit'), null, 'no rate-limit headers when the limiter is off')
  t.equal((await fetch(`${base}/thing`, { method: 'POST', body: '{}' })).status, 503, 'other methods go on')
  t.equal((await fetch(`${base}/other`)).status, 503, 'a miss goes on')
  t.equal((await fetch(`${base}/thing?${'x'.repeat(MAX_URL_LENGTH)}`)).status, 503, 'an over-long URL goes on')
  fastPath.isUnderPressure = () => true
  t.equal((await fetch(`${base}/thing`)).status, 503, 'pressure goes on')
  fastPath.isUnderPressure = () => false
  fastPath.close()
  t.equal((await fetch(`${base}/thing`)).status, 503, 'closing goes on')
  t.equal(fallbacks, 5)
})

t.test('a repeated POST of the same model is answered from memory; other bodies go through Fastify', async (t) => {
  const { base, log } = await listeningApp(t)
  const model = JSON.stringify({ threats: ['targeted-attacks', 'anonymity'], activities: ['email'], constraints: { censoredNetwork: true } })
  const post = async (path: string, body: string, headers: Record<string, string> = {}): Promise<{ response: Response, bytes: Buffer, fromMemory: boolean }> => {
    const before = fromMemory(log)
    const response = await fetch(base + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
    const bytes = Buffer.from(await response.arrayBuffer())
    return { response, bytes, fromMemory: fromMemory(log) > before }
  }

  const first = await post('/v1/suggestions', model)
  t.equal(first.response.status, 200)
  t.notOk(first.fromMemory, 'the first answer is computed')
  const second = await post('/v1/suggestions', model)
  t.ok(second.fromMemory, 'the same bytes again: from memory')
  t.same(second.bytes, first.bytes, 'byte for byte')
  t.same(stableHeaders(second.response), stableHeaders(first.response), 'header for header')
  t.equal(second.response.headers.get('etag'), null, 'a POST answer has no validator')
  t.match(second.response.headers.get('ratelimit'), /^"per-address";r=\d+;t=\d+$/)
  await post('/v1/suggestions/', model)
  t.ok((await post('/v1/suggestions/', model)).fromMemory, 'with a trailing slash too (its own key, as for a GET)')

  const spaced = await post('/v1/suggestions', JSON.stringify(JSON.parse(model), null, 2))
  t.notOk(spaced.fromMemory, 'another spelling of the model is another key')
  t.same(JSON.parse(spaced.bytes.toString()), JSON.parse(first.bytes.toString()), 'with the same plan')
  const russian = await post('/v1/suggestions?lang=ru', model)
  t.notOk(russian.fromMemory)
  t.equal(russian.response.headers.get('content-language'), 'ru')
  t.ok((await post('/v1/suggestions?lang=ru', model)).fromMemory, 'each language is remembered on its own')
  await post('/v1/suggestions', model, { 'accept-language': 'ru' })
  const negotiated = await post('/v1/suggestions', model, { 'accept-language': 'ru' })
  t.ok(negotiated.fromMemory, 'Accept-Language is part of the key')
  t.equal(negotiated.response.headers.get('content-language'), 'ru')
  t.same(negotiated.bytes, russian.bytes)

  for (const [body, type] of [['{"threats":["no-such-threat"]}', 'invalid-request'], ['{"threats":', 'bad-request']] as Array<[string, string]>) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await post('/v1/suggestions', body)
      t.equal(refused.response.status, 400, body)
      t.notOk(refused.fromMemory, 'refusals are not remembered')
      t.equal(JSON.parse(refused.bytes.toString()).type, `/problems/${type}`)
    }
  }
  const large = await post('/v1/suggestions', JSON.stringify({ threats: [], activities: [], padding: 'x'.repeat(20_000) }))
  t.equal(large.response.status, 400, 'a body over the keyed size is read and judged by Fastify')
  t.match(JSON.parse(large.bytes.toString()).detail, /padding/)

  const layout = JSON.stringify({ qubes: [{ name: 'sys-net', class: 'AppVM', label: 'red', netvm: null }, { name: 'work', class: 'AppVM', label: 'blue', netvm: 'sys-net' }] })
  const checked = await post('/v1/layouts/check', layout)
  t.equal(checked.response.status, 200)
  const again = await post('/v1/layouts/check', layout)
  t.ok(again.fromMemory, 'layout checks are keyed by body too')
  t.same(again.bytes, checked.bytes)
})

t.test('a POST body that arrives chunked, or not at all, is handled without the fast path breaking', async (t) => {
  const { base } = await listeningApp(t)
  const { request } = await import('node:http')
  const url = new URL(`${base}/v1/suggestions`)
  const chunked = await new Promise<{ status: number, body: string }>((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => { body += chunk.toString() })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    outgoing.on('error', reject)
    outgoing.write('{"threats":')
    outgoing.end('["anonymity"]}')
  })
  t.equal(chunked.status, 200, 'a chunked body goes to Fastify as it comes')
  t.match(JSON.parse(chunked.body), { model: { threats: ['anonymity'] } })

  const { connect } = await import('node:net')
  const socket = connect(Number(url.port), '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  socket.write('POST /v1/suggestions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"threats":')
  await new Promise((resolve) => setTimeout(resolve, 50))
  socket.destroy()
  const after = await fetch(`${base}/v1/suggestions`, { method: 'POST', body: '{"threats":["anonymity"]}', headers: { 'content-type': 'application/json' } })
  t.equal(after.status, 200, 'a client that leaves mid-body harms nobody else')
})

t.test('a POST taken before closing began is answered from memory after it, and its connection ends', async (t) => {
  const cache = new RepresentationCache(1 << 20)
  const fastPath = new FastPath({ cache, limiter: new RateLimiter({ max: 0, windowSeconds: 60 }), requestIds: new RequestIds(), keepAliveTimeoutMs: 5000 })
  fastPath.bodyKeyedPaths.add('/plan')
  const body = '{"threats":["anonymity"]}'
  cache.set(bodyKey('/plan', { 'content-type': 'application/json' }, Buffer.from(body)), { payload: Buffer.from('{"plan":1}'), etag: '', headers: [], allHeaders: ['content-type', 'application/json'], notModifiedHeaders: [] })
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!fastPath.answer(request, response, (_request, fallbackResponse) => { fallbackResponse.writeHead(503).end() })) response.writeHead(500).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => server.close())
  const address = server.address()
  const { connect } = await import('node:net')
  const socket = connect(typeof address === 'object' && address !== null ? address.port : 0, '127.0.0.1')
  let answer = ''
  socket.on('data', (chunk: Buffer) => { answer += chunk.toString() })
  const ended = new Promise((resolve) => socket.once('end', resolve))
  socket.write(`POST /plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`)
  await new Promise((resolve) => setTimeout(resolve, 50))
  fastPath.close()
  socket.write(body.slice(5))
  await ended
  t.match(answer, /^HTTP\/1\.1 200 OK\r\n/)
  t.match(answer, /\r\nconnection: close\r\n/i)
  t.match(answer, /\r\n\r\n\{"plan":1\}$/)
})
