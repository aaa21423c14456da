import { Server as NetServer } from 'node:net'
import { setImmediate as afterPendingInput, setTimeout as sleep } from 'node:timers/promises'
import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { LISTENING_EVENT } from './build/code-cache.js'
import { loadConfig } from './config.js'
import { ContentValidationError, formatIssue } from './content/content-issue.js'
import { storeNeedsBuild } from './store/store-needs-build.js'

/** How long close-with-grace lets requests in flight finish before it exits with 1. */
const CLOSE_GRACE_MS = 10_000
/** How long requests already sent on open connections are still answered once closing starts. */
const LAST_CALL_MS = 100
const IDLE_SWEEP_MS = 50

/**
 * Returns a close that refuses new connections at once and ends as soon as the requests in flight
 * are answered. From the first moment of closing every answer says `Connection: close`, which
 * makes Node end its connection after it. Then:
 * - new connections are refused (the listening socket is closed), but for LAST_CALL_MS the open
 *   ones are not: http.Server#close (which Fastify calls) destroys every connection idle at that
 *   moment, and one whose next request is already on its way, unread, would get a reset instead
 *   of an answer. net.Server#close stops listening without that;
 * - Fastify closes (503 to any later request); while it waits for the connections to end, those
 *   that fall idle are closed every IDLE_SWEEP_MS. Node closes only the connections idle when
 *   close() starts, and a keep-alive one answered after that would hold close() open for the
 *   keep-alive timeout, past the grace period (fastify/fastify#7044).
 * The request listener is prepended so that the header is set before any handler, the fast path
 * included, answers.
 */
function drainingClose (app: FastifyInstance): () => Promise<void> {
  let closing = false
  app.server.prependListener('request', (_request, response) => {
    if (closing) response.setHeader('Connection', 'close')
  })
  return async () => {
    closing = true
    // Connections the kernel completed but the loop has not accepted yet would be reset with the
    // listening socket: accept them first.
    await afterPendingInput()
    // Fastify's own close calls server.close() again; Node answers that with the 'close' event
    // once the last connection ends, as Fastify expects.
    NetServer.prototype.close.call(app.server)
    await sleep(LAST_CALL_MS)
    // Timers run before the loop reads sockets: if the loop was busy, data may still be unread.
    await afterPendingInput()
    const sweep = setInterval(() => { app.server.closeIdleConnections() }, IDLE_SWEEP_MS)
    try {
      await app.close()
    } finally {
      clearInterval(sweep)
    }
  }
}

/** Starts the API: read the configuration, make sure the store is built, listen, close gracefully. */
async function start (): Promise<void> {
  const config = loadConfig(process.env, process.stdout.isTTY)
  if (storeNeedsBuild(config)) {
    // Loaded only when needed: the content loaders are a good part of the code, and a current store never needs them.
    const { buildStore, formatBuildSummary } = await import('./store/build-store.js')
    console.log(formatBuildSummary(await buildStore({ dataDir: config.dataDir, migrationsDir: config.migrationsDir, storePath: config.storePath })))
  }

  const app = await buildApp(config)
  const close = drainingClose(app)
  closeWithGrace({ delay: CLOSE_GRACE_MS }, async ({ err, signal }) => {
    if (err !== undefined) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'closing')
    await close()
  })
  await app.listen({ port: config.port, host: config.host })
  // The launcher (src/launch.ts) writes the code cache then, when it has none.
  const processEvents: NodeJS.EventEmitter = process
  processEvents.emit(LISTENING_EVENT)
}

// Not a top-level await: the bundle is CommonJS, so that node:vm can compile it from a code cache.
start().catch((error: unknown) => {
  if (error instanceof ContentValidationError) {
    for (const issue of error.issues) console.error(formatIssue(issue))
  }
  // One clear line, no stack: every start-up failure here is about configuration or the store.
  console.error(`qubes-guide-api: cannot start: ${(error as Error).message.split('\n')[0]}`)
  process.exit(1)
})
