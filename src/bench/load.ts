import autocannon from 'autocannon'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseWrkReport, wrkScript } from './wrk.js'

export interface LoadOptions {
  url: string
  connections: number
  /** Seconds per measurement; ignored by autocannon when amount is set. */
  duration: number
  /** A fixed number of requests instead of a duration (autocannon's smoke run; wrk runs one second). */
  amount?: number
  method?: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
  /** Paths to cycle through, request by request. */
  paths?: string[]
  /** Give each request a query of its own (nothing can come from a cache). */
  distinct?: boolean
}

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

export type LoadTool = 'wrk' | 'autocannon'

/** Words the distinct search queries are made of, in both languages. */
export const DISTINCT_WORDS = ['qube', 'template', 'disposable', 'firewall', 'vpn', 'tor', 'vault', 'usb', 'gpg', 'clipboard', 'файл', 'шаблон', 'кьюб', 'сеть']

/**
 * wrk when it is installed (BENCH_TOOL=autocannon or wrk to choose): it is written in C and needs
 * a fraction of the CPU autocannon needs per request, so on a two-core machine more of the second
 * core is left to the server under test and the numbers say more about the server than the client.
 */
export function chooseLoadTool (requested = process.env.BENCH_TOOL): LoadTool {
  if (requested === 'autocannon' || requested === 'wrk') return requested
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined ? 'wrk' : 'autocannon'
}

function autocannonRequests (options: LoadOptions): { requests?: autocannon.Request[] } {
  if (options.distinct === true) {
    let counter = 0
    return {
      requests: [{
        setupRequest: (request) => {
          counter++
          const word = DISTINCT_WORDS[counter % DISTINCT_WORDS.length] ?? 'qube'
          return { ...request, path: `/v1/search?q=${encodeURIComponent(`${word} w${counter}`)}` }
        }
      }]
    }
  }
  if (options.paths !== undefined) return { requests: options.paths.map((path) => ({ path })) }
  return {}
}

async function measureWithAutocannon (options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.duration } : { amount: options.amount }),
    method: options.method ?? 'GET',
    body: options.body,
    headers: options.headers,
    timeout: 10,
    ...autocannonRequests(options)
  })
  // 304 answers count as successes for the revalidation endpoint.
  const notModified = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.['304']?.count ?? 0
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx - notModified
  }
}

async function measureWithWrk (options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qga-wrk-'))
  try {
    const script = join(dir, 'requests.lua')
    writeFileSync(script, wrkScript({
      method: options.method ?? 'GET',
      body: options.body,
      headers: options.headers,
      paths: options.paths,
      distinct: options.distinct === true ? { prefix: '/v1/search?q=', words: DISTINCT_WORDS.map((word) => encodeURIComponent(word)) } : undefined
    }))
    const seconds = options.amount === undefined ? options.duration : 1
    // One thread: the server under test has one event loop, and the second core is shared by both.
    const args = ['-t1', `-c${options.connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', script, options.url]
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
      child.once('error', reject)
      child.once('exit', (code) => { code === 0 ? resolve(stdout) : reject(new Error(`wrk exited with ${String(code)}: ${stderr}`)) })
    })
    return parseWrkReport(output)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** One measurement on loopback with the chosen tool; latencies in milliseconds. */
export async function measure (options: LoadOptions, tool: LoadTool = 'autocannon'): Promise<LoadResult> {
  return tool === 'wrk' ? await measureWithWrk(options) : await measureWithAutocannon(options)
}
