import { type ChildProcess, spawn } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { freePort, moduleFile, stop, waitUntilReady } from '../bench/processes.js'
import { loadConfig } from '../config.js'
import { runMixedLoad, type MixedLoadResult } from '../soak/mixed-load.js'
import { distinctSearchPath, soakRequests } from '../soak/request-mix.js'
import { RssSampler } from '../soak/rss-sampler.js'
import { formatSoakReport, judgeSoak, RSS_WINDOW_SECONDS, WARMUP_RSS_WINDOW_SECONDS } from '../soak/soak-report.js'
import { formatBuildSummary } from '../store/build-store.js'
import { ensureStore } from '../store/ensure-store.js'

/**
 * npm run soak: the real server (the dist build under npm) loaded at full concurrency for
 * SOAK_SECONDS (60) with every endpoint in turn, after filling its answer cache with distinct
 * searches and SOAK_WARMUP_SECONDS (10) of the same load, reading its RSS every second. Passes
 * with no errors, timeouts or unexpected statuses, and RSS over the last 10 s within 10% of RSS
 * over the last 3 s of the warm-up, both read just after a full GC (src/soak/full-gc-on-signal.ts
 * says why); prints a summary and exits 1 otherwise. SOAK_CONNECTIONS (50) and
 * SOAK_CACHE_FILL_MIB (32: twice the default 16 MiB answer cache, so it is full and evicting) change the run.
 */
const seconds = Number(process.env.SOAK_SECONDS ?? 60)
const warmupSeconds = Number(process.env.SOAK_WARMUP_SECONDS ?? 10)
const connections = Number(process.env.SOAK_CONNECTIONS ?? 50)
const cacheFillBytes = Number(process.env.SOAK_CACHE_FILL_MIB ?? 32) * 1024 * 1024
// Filling the cache prepares the measurement; uncached searches at full concurrency would only
// measure load shedding.
const fillConnections = Math.min(connections, 10)
// The per-address rate limit would answer loopback load with 429s: set out of reach.
const RATE_LIMIT_MAX = '1000000000'

/** One line on a phase that is not judged: its answers, errors, timeouts and unexpected statuses. */
function describePhase (result: MixedLoadResult, expected: number[]): string {
  const unexpected = new Map<string, number>()
  let answers = 0
  result.statuses.forEach((counts, index) => {
    for (const [status, count] of Object.entries(counts)) {
      answers += count
      if (Number(status) !== expected[index]) unexpected.set(status, (unexpected.get(status) ?? 0) + count)
    }
  })
  const statuses = unexpected.size === 0 ? 'none' : [...unexpected].map(([status, count]) => `${status} ×${count}`).join(', ')
  return `${answers} answers, ${result.errors} errors, ${result.timeouts} timeouts, unexpected statuses: ${statuses}`
}

/** The server entry point, with a full GC on a signal for the RSS readings. */
function startServer (env: NodeJS.ProcessEnv): ChildProcess {
  const fullGcOnSignal = pathToFileURL(moduleFile('../soak/full-gc-on-signal', import.meta.url)).href
  return spawn(process.execPath, [...process.execArgv, '--expose-gc', `--import=${fullGcOnSignal}`, moduleFile('../server', import.meta.url)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
}

/** Sets `collectFirst` for the last `lastSeconds` of a phase of `seconds`; returns the undo. */
function collectGarbageAtTheEnd (sampler: RssSampler, seconds: number, lastSeconds: number): () => void {
  const timer = setTimeout(() => { sampler.collectFirst = true }, Math.max(0, seconds - lastSeconds) * 1000)
  return () => {
    clearTimeout(timer)
    sampler.collectFirst = false
  }
}

const config = loadConfig(process.env)
const built = await ensureStore({ ...config, buildStoreOnStart: true })
if (built !== undefined) console.log(formatBuildSummary(built))

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const startedAt = performance.now()
const server = startServer({
  PORT: String(port),
  HOST: '127.0.0.1',
  STORE_PATH: config.storePath,
  MIGRATIONS_DIR: config.migrationsDir,
  BUILD_STORE_ON_START: 'never',
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX
})
let serverLog = ''
server.stdout?.on('data', (chunk: Buffer) => { serverLog += chunk.toString() })
server.stderr?.on('data', (chunk: Buffer) => { serverLog += chunk.toString() })

try {
  await waitUntilReady(`${base}/ready`, startedAt, 120_000)
  const topic = await fetch(`${base}/v1/topics/copying-text`)
  const requests = soakRequests(topic.headers.get('etag') ?? '')
  const expected = requests.map((request) => request.expectStatus)
  const sampler = new RssSampler(server.pid ?? 0)

  const searchBytes = (await (await fetch(`${base}${distinctSearchPath(0)}`)).arrayBuffer()).byteLength
  const fillRequests = Math.ceil(cacheFillBytes / Math.max(1, searchBytes))
  const distinctSearch = requests.filter((request) => request.distinct === true)
  sampler.phase = 'cache fill'
  const fill = await runMixedLoad({ url: base, connections: fillConnections, seconds: 0, amount: fillRequests, requests: distinctSearch })
  sampler.phase = 'warm-up'
  let endCollecting = collectGarbageAtTheEnd(sampler, warmupSeconds, WARMUP_RSS_WINDOW_SECONDS)
  const warmup = await runMixedLoad({ url: base, connections, seconds: warmupSeconds, requests })
  endCollecting()
  sampler.phase = 'soak'
  endCollecting = collectGarbageAtTheEnd(sampler, seconds, RSS_WINDOW_SECONDS)
  const soak = await runMixedLoad({ url: base, connections, seconds, requests })
  endCollecting()
  await sampler.stop()

  const run = {
    seconds,
    connections,
    warmupSeconds,
    fillRequests,
    kinds: requests.map((request, index) => ({ name: request.name, expectStatus: request.expectStatus, statuses: soak.statuses[index] ?? {} })),
    latency: soak.latency,
    errors: soak.errors,
    timeouts: soak.timeouts,
    rss: sampler.samples,
    notes: [
      `server: ${moduleFile('../server', import.meta.url)} (pid ${String(server.pid)}), NODE_ENV=production, ` +
        '--expose-gc with a full GC on SIGURG for the RSS readings; ' +
        `per-client rate limit out of reach (RATE_LIMIT_MAX=${RATE_LIMIT_MAX}), load shedding as configured`,
      `cache fill (${fillConnections} connections): ${describePhase(fill, distinctSearch.map(() => 200))}`,
      `warm-up: ${describePhase(warmup, expected)}`
    ]
  }
  const verdict = judgeSoak(run)
  const logLines = serverLog.split('\n').filter((line) => line.trim() !== '')
  console.log(formatSoakReport(run, verdict))
  if (logLines.length > 0) console.log(`server log (warn and above), ${logLines.length} lines; the last:\n${logLines.slice(-5).join('\n')}`)
  process.exitCode = verdict.failures.length === 0 ? 0 : 1
} catch (error) {
  console.error(`soak: ${(error as Error).message}\n${serverLog}`)
  process.exitCode = 1
} finally {
  await stop(server)
}
