import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import t, { type Test } from 'tap'
import { HeadEnding, prepareHead, takesPreparedHead, writePreparedHead } from '../../src/http/prepared-head.js'

const HEADERS = ['content-type', 'application/json; charset=utf-8', 'etag', '"r1-abc"', 'vary', 'Accept, Accept-Language', 'x-frame-options', 'SAMEORIGIN']
const BODY = Buffer.from('{"id":"copying-text","title":"Копирование текста"}')
const ID = '0b6c1f4e-8d2a-4c5e-9f10-000000000001'
const POLICY = '"per-address";q=6000;w=60'
const RATE_LIMIT = '"per-address";r=5999;t=60'
const KEEP_ALIVE_MS = 10_000

/** One HTTP/1.1 answer read off the wire: its head as sent and its body. */
interface RawAnswer { head: string, body: Buffer }

/**
 * Reads answers off a kept-alive socket as they come, without ending it (iterating the socket
 * would destroy it on return); each answer has a Content-Length, or none and no body.
 */
function answerReader (socket: Socket): (count: number) => Promise<RawAnswer[]> {
  let buffered = Buffer.alloc(0)
  const answers: RawAnswer[] = []
  let wake = (): void => {}
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk])
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n')
      if (end === -1) break
      const head = buffered.subarray(0, end + 4).toString('latin1')
      const length = Number(/^content-length: (\d+)$/im.exec(head)?.[1] ?? 0)
      if (buffered.length < end + 4 + length) break
      answers.push({ head, body: buffered.subarray(end + 4, end + 4 + length) })
      buffered = buffered.subarray(end + 4 + length)
    }
    wake()
  })
  socket.on('close', () => { wake() })
  return async (count) => {
    while (answers.length < count) {
      if (socket.readableEnded || socket.destroyed) throw new Error(`the connection ended after ${answers.length} of ${count} answers`)
      await new Promise<void>((resolve) => { wake = resolve })
    }
    return answers.splice(0, count)
  }
}

async function send (port: number, requests: string): Promise<{ socket: Socket, answers: (count: number) => Promise<RawAnswer[]> }> {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  const answers = answerReader(socket)
  socket.write(requests)
  return { socket, answers }
}

const get = (path: string, extra = ''): string => `GET ${path} HTTP/1.1\r\nHost: example.org\r\n${extra}\r\n`

/** A server answering /write-head/STATUS through writeHead and /prepared/STATUS from a prepared head, with the same headers. */
async function twoWayServer (t: Test, policy: string | undefined, keepAliveMs = KEEP_ALIVE_MS): Promise<{ server: Server, port: number, routes: string[] }> {
  const ending = new HeadEnding(keepAliveMs)
  const heads = { 200: prepareHead(200, HEADERS, policy, BODY.length), 304: prepareHead(304, HEADERS.slice(2), policy) }
  const routes: string[] = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const [, route, code] = (request.url ?? '').split('/')
    const status = code === '304' ? 304 : 200
    const rateLimit = policy === undefined ? '' : RATE_LIMIT
    if (route === 'prepared' && takesPreparedHead(request, response)) {
      routes.push('prepared')
      const head = heads[status]
      writePreparedHead(response, status, head.beforeId + ID + head.afterId + rateLimit + head.afterRateLimit + ending.current())
    } else {
      routes.push('writeHead')
      const rateLimitHeaders = policy === undefined ? [] : ['ratelimit-policy', policy, 'ratelimit', rateLimit]
      response.writeHead(status, [...(status === 304 ? HEADERS.slice(2) : HEADERS), 'x-request-id', ID, ...rateLimitHeaders, ...(status === 304 ? [] : ['content-length', String(BODY.length)])])
    }
    if (status === 304) response.end()
    else response.end(BODY)
  })
  server.keepAliveTimeout = keepAliveMs
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.closeAllConnections(); server.close() })
  return { server, port: (server.address() as AddressInfo).port, routes }
}

/** Node writes the date of the second it answers in: two answers a second apart differ only there. */
const sameSecond = (head: string): string => head.replace(/^Date: .*$/m, 'Date: (the second)')

t.test('a prepared head is byte for byte the head writeHead makes from the same headers', async (t) => {
  for (const [policy, keepAliveMs] of [[POLICY, KEEP_ALIVE_MS], [undefined, KEEP_ALIVE_MS], [POLICY, 0]] as const) {
    const { port, routes } = await twoWayServer(t, policy, keepAliveMs)
    const label = `limiter ${policy === undefined ? 'off' : 'on'}, keep-alive timeout ${keepAliveMs} ms`
    const { socket, answers } = await send(port, get('/write-head/200') + get('/prepared/200') + get('/write-head/304') + get('/prepared/304'))
    const [viaWriteHead, prepared, notModifiedViaWriteHead, notModifiedPrepared] = await answers(4)
    socket.destroy()
    t.same(routes, ['writeHead', 'prepared', 'writeHead', 'prepared'])
    t.equal(sameSecond(prepared?.head ?? ''), sameSecond(viaWriteHead?.head ?? ''), `200, ${label}`)
    t.same(prepared?.body, BODY)
    t.equal(sameSecond(notModifiedPrepared?.head ?? ''), sameSecond(notModifiedViaWriteHead?.head ?? ''), `304, ${label}`)
    t.equal(notModifiedPrepared?.body.length, 0)
    // What the comparison stands on: the values themselves.
    t.match(prepared?.head, /^HTTP\/1\.1 200 OK\r\ncontent-type: application\/json; charset=utf-8\r\n/)
    t.match(prepared?.head, `\r\nx-request-id: ${ID}\r\n`)
    t.match(prepared?.head, keepAliveMs === 0 ? /\r\nConnection: keep-alive\r\n\r\n$/ : /\r\nConnection: keep-alive\r\nKeep-Alive: timeout=10\r\n\r\n$/)
    t.match(notModifiedPrepared?.head, /^HTTP\/1\.1 304 Not Modified\r\n/)
    t.notMatch(notModifiedPrepared?.head, /content-length/i, 'a 304 states no length')
    if (policy !== undefined) t.match(prepared?.head, `\r\nratelimit-policy: ${POLICY}\r\nratelimit: ${RATE_LIMIT}\r\ncontent-length: ${BODY.length}\r\n`)
    else t.notMatch(prepared?.head, /ratelimit/)
  }
})

t.test('prepared answers keep the connection open, in order, pipelined or one after another', async (t) => {
  const { port, routes } = await twoWayServer(t, POLICY)
  const { socket, answers } = await send(port, get('/prepared/200') + get('/prepared/304') + get('/prepared/200'))
  const first = await answers(3)
  t.same(first.map((answer) => answer.head.split('\r\n')[0]), ['HTTP/1.1 200 OK', 'HTTP/1.1 304 Not Modified', 'HTTP/1.1 200 OK'])
  socket.write(get('/prepared/200'))
  const [later] = await answers(1)
  t.same(later?.body, BODY, 'the connection still answers')
  socket.destroy()
  t.same(routes, ['prepared', 'prepared', 'prepared', 'prepared'])
})

t.test('requests whose head Node would end otherwise are answered through writeHead', async (t) => {
  const { port, routes } = await twoWayServer(t, POLICY)
  const closing = await send(port, get('/prepared/200', 'Connection: close\r\n'))
  const [closed] = await closing.answers(1)
  t.match(closed?.head, /\r\nConnection: close\r\n\r\n$/)
  closing.socket.destroy()
  const old = await send(port, 'GET /prepared/200 HTTP/1.0\r\nHost: example.org\r\n\r\n')
  const [oldAnswer] = await old.answers(1)
  t.match(oldAnswer?.head, /^HTTP\/1\.1 200 OK\r\n/)
  t.same(oldAnswer?.body, BODY)
  old.socket.destroy()
  t.same(routes, ['writeHead', 'writeHead'])
})

t.test('takesPreparedHead', async (t) => {
  const server = createServer((request, response) => {
    const before = takesPreparedHead(request, response)
    response.setHeader('Connection', 'close')
    response.end(JSON.stringify({ before, after: takesPreparedHead(request, response) }))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const { port } = server.address() as AddressInfo
  const { socket, answers } = await send(port, get('/'))
  const [answer] = await answers(1)
  socket.destroy()
  t.same(JSON.parse(answer?.body.toString() ?? ''), { before: true, after: false }, 'a header set on the response before, such as Connection, is writeHead\'s to merge')
})

t.test('a head ends with the date of its second and the keep-alive timeout in whole seconds', async (t) => {
  let now = Date.UTC(2026, 11, 7, 6, 30, 0, 200)
  const ending = new HeadEnding(10_500, () => now)
  const first = ending.current()
  t.equal(first, 'Date: Mon, 07 Dec 2026 06:30:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=10\r\n\r\n')
  now += 799
  t.equal(ending.current(), first, 'the same second: the same ending, made once')
  now += 1
  t.equal(ending.current(), 'Date: Mon, 07 Dec 2026 06:30:01 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=10\r\n\r\n', 'the next second')
  now += 60_000
  t.match(ending.current(), /^Date: Mon, 07 Dec 2026 06:31:01 GMT\r\n/)
  t.equal(new HeadEnding(0, () => now).current(), 'Date: Mon, 07 Dec 2026 06:31:01 GMT\r\nConnection: keep-alive\r\n\r\n', 'no keep-alive timeout, no Keep-Alive header, as Node does')
})

t.test('a header Node would refuse is refused when the head is prepared, not while answering', async (t) => {
  t.throws(() => prepareHead(200, ['x-note', 'one\r\nset-cookie: a=b'], undefined, 1), { code: 'ERR_INVALID_CHAR' })
  t.throws(() => prepareHead(200, ['bad name', 'x'], undefined, 1), { code: 'ERR_INVALID_HTTP_TOKEN' })
  t.throws(() => prepareHead(200, [], 'q=1\n', 1), { code: 'ERR_INVALID_CHAR' })
  t.match(prepareHead(200, ['x-note', 'café'], undefined, 1).beforeId, 'x-note: café\r\n', 'Latin-1 values pass, as Node lets them')
})
