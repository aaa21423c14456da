import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import t from 'tap'
import { testStorePath } from '../helper.js'
import { connectionOutcome, startServer, waitForReady } from './server-process.js'

const IN_FLIGHT = 20
const LOOPS = 30
const LOOP_PATHS = ['/v1/topics/copying-text', '/v1/search?q=tor', '/v1/layouts/vpn-tor-chain', '/health']
const PLAN_REQUEST = JSON.stringify({ threats: ['anonymity'] })

interface RawResponse { status: number, connection: string, body: string }

/**
 * A POST whose headers and first half of the body are sent now, the rest on finish(): the server
 * has the request in flight, its handler waiting for the body, for as long as the test likes.
 */
function slowPost (port: number): { response: Promise<RawResponse>, finish: () => void } {
  const socket = connect(port, '127.0.0.1')
  const half = Math.floor(PLAN_REQUEST.length / 2)
  socket.write(`POST /v1/suggestions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${PLAN_REQUEST.length}\r\n\r\n${PLAN_REQUEST.slice(0, half)}`)
  const response = new Promise<RawResponse>((resolve, reject) => {
    let received = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const end = received.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = received.subarray(0, end).toString()
      const length = Number(/^content-length: *(\d+)$/im.exec(head)?.[1])
      if (received.length < end + 4 + length) return
      resolve({
        status: Number(head.split(' ')[1]),
        connection: /^connection: *(.+)$/im.exec(head)?.[1]?.trim() ?? '',
        body: received.subarray(end + 4, end + 4 + length).toString()
      })
      socket.destroy()
    })
    socket.on('error', reject)
    socket.on('close', () => reject(new Error('closed before the answer')))
  })
  return { response, finish: () => socket.write(PLAN_REQUEST.slice(half)) }
}

interface LoopRecord {
  answers: Array<{ status: number, sentAt: number }>
  failures: Array<{ code: string, sentAt: number }>
}

/** One client asking one request after the other on a keep-alive connection, until the server says it closes. */
async function keepAliveLoop (base: string, offset: number, onFirstAnswer: () => void): Promise<LoopRecord> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const record: LoopRecord = { answers: [], failures: [] }
  for (let index = offset; ; index++) {
    const sentAt = Date.now()
    try {
      const { status, connection } = await new Promise<{ status: number, connection: string }>((resolve, reject) => {
        request(`${base}${LOOP_PATHS[index % LOOP_PATHS.length] ?? '/health'}`, { agent }, (response) => {
          response.resume()
          response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection ?? '' }))
        }).on('error', reject).end()
      })
      record.answers.push({ status, sentAt })
      if (record.answers.length === 1) onFirstAnswer()
      if (connection === 'close') break
    } catch (error) {
      record.failures.push({ code: (error as NodeJS.ErrnoException).code ?? (error as Error).message, sentAt })
      break
    }
  }
  agent.destroy()
  return record
}

t.test('SIGTERM under load: requests in flight complete, new connections are refused, exit 0 within 10 s', async (t) => {
  const server = await startServer(t, {
    STORE_PATH: await testStorePath(),
    BUILD_STORE_ON_START: 'never',
    // The load comes from one address and a slow test machine: no rate limit, no load shedding.
    RATE_LIMIT_MAX: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    // The fast path says at debug level when it has a POST and waits for its body.
    LOG_LEVEL: 'debug'
  })
  t.equal((await waitForReady(`${server.base}/ready`)).status, 200)
  for (const path of LOOP_PATHS) await (await fetch(`${server.base}${path}`)).arrayBuffer()

  const isSuggestionRequest = (log: Record<string, unknown>): boolean => log.msg === 'reading the body to look the answer up' && (log.req as { path?: string } | undefined)?.path === '/v1/suggestions'
  const slowPosts = Array.from({ length: IN_FLIGHT }, () => slowPost(server.port))
  await server.waitForLog(isSuggestionRequest, IN_FLIGHT)
  let answeredEarly = 0
  for (const post of slowPosts) post.response.then(() => { answeredEarly++ }, () => {})

  let loopsAnswered = 0
  let allLoopsAnswered: () => void = () => {}
  const loopsRunning = new Promise<void>((resolve) => { allLoopsAnswered = resolve })
  const loops = Array.from({ length: LOOPS }, async (_, offset) => await keepAliveLoop(server.base, offset, () => {
    if (++loopsAnswered === LOOPS) allLoopsAnswered()
  }))
  await loopsRunning

  const signalledAt = Date.now()
  server.child.kill('SIGTERM')
  const beforeRefusal = new Set<string>()
  for (;;) {
    const outcome = await connectionOutcome(server.port)
    if (outcome === 'ECONNREFUSED') break
    beforeRefusal.add(outcome)
    if (Date.now() - signalledAt > 5000) throw new Error('new connections were still accepted 5 s after SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  t.pass('a new connection is refused while requests are in flight')
  // Until the listening socket closes, the kernel completes connections; those it still holds for
  // the server to accept when the socket closes are reset.
  t.same([...beforeRefusal].filter((outcome) => outcome !== 'connected' && outcome !== 'ECONNRESET'), [], 'before that, connections succeed or are reset')
  t.equal(answeredEarly, 0, 'the requests in flight are still waiting for their bodies')

  for (const post of slowPosts) post.finish()
  const plans = await Promise.all(slowPosts.map(async (post) => await post.response))
  t.same(plans.map((plan) => plan.status), plans.map(() => 200), 'every request in flight is answered 200')
  t.same(plans.map((plan) => (JSON.parse(plan.body) as { layout: { id: string } }).layout.id), plans.map(() => 'whonix-tor'), 'with its plan')

  const records = await Promise.all(loops)
  const { code, signal } = await server.result
  const exitedAfter = Date.now() - signalledAt
  t.equal(code, 0, 'exit code 0')
  t.equal(signal, null)
  t.ok(exitedAfter < 10_000, `exited ${exitedAfter} ms after SIGTERM`)

  const closingAt = server.logs().find((log) => log.msg === 'closing')?.time as number
  t.ok(closingAt >= signalledAt - 1000, 'the server logged when it began closing')
  const answers = records.flatMap((record) => record.answers)
  t.same([...new Set(answers.map((answer) => answer.status))].filter((status) => status !== 200 && status !== 503), [], 'the load got 200s (and 503s once Fastify closed), nothing else')
  const sentBefore = records.flatMap((record) => record.failures).filter((failure) => failure.sentAt < closingAt)
  t.same(sentBefore, [], 'every request sent before closing began was answered; failures are requests sent later')
  t.same(server.logs().filter((log) => Number(log.level) >= 50), [], 'no errors logged')
})
