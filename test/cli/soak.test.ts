import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { soakRequests } from '../../src/soak/request-mix.js'
import { formatSoakReport, judgeSoak, type SoakRun } from '../../src/soak/soak-report.js'
import { temporaryFolder, testStorePath } from '../helper.js'
import { runScript } from './run-script.js'

/** RSS readings of a phase: `kib` for each second, read after a full GC from `collectedFrom` on. */
function readings (phase: string, kib: number[], collectedFrom: number): SoakRun['rss'] {
  return kib.map((value, second) => ({ at: second * 1000, kib: value, phase, afterFullGc: second >= collectedFrom }))
}

const MIB = 1024

/** A run at a steady 100 MiB after each full GC (and up to 150 MiB without), with one 404 kind; `change` overrides parts of it. */
function run (change: Partial<SoakRun> = {}): SoakRun {
  const samples = [
    ...readings('warm-up', [120, 130, 140, 150, 150, 150, 150, 100, 100, 100].map((value) => value * MIB), 7),
    ...readings('soak', Array.from({ length: 60 }, (_, second) => (second < 50 ? 100 + second : 100) * MIB), 50)
  ]
  return {
    seconds: 60,
    connections: 50,
    warmupSeconds: 10,
    fillRequests: 8000,
    kinds: [
      { name: 'topic en', expectStatus: 200, statuses: { 200: 5000 } },
      { name: 'topic 404', expectStatus: 404, statuses: { 404: 1000 } }
    ],
    latency: { p50: 3, p99: 40 },
    errors: 0,
    timeouts: 0,
    rss: samples,
    notes: ['server: test'],
    ...change
  }
}

t.test('a clean run passes and the report says what was measured', async (t) => {
  const verdict = judgeSoak(run())
  t.same(verdict.failures, [])
  t.equal(verdict.requests, 6000)
  t.equal(verdict.requestsPerSecond, 100)
  t.equal(verdict.expectedNotFound, 1000)
  t.equal(verdict.rssChange, 0)
  const report = formatSoakReport(run(), verdict).split('\n')
  t.same(report.slice(-6), [
    'requests 6000 (100 req/s), latency p50 3 ms, p99 40 ms',
    'errors 0, timeouts 0',
    'unexpected statuses: none; expected 404s: 1000',
    'RSS after warm-up 100.0 MiB (mean over its last 3 s), mean of the last 10 s 100.0 MiB: +0.0% (limit ±10%); each reading just after a full GC, under load',
    'RSS peak under load without forcing GC: 149.0 MiB (V8 collects the old generation lazily)',
    'soak: pass'
  ])
  t.equal(report[0], 'soak: 60 s at 50 connections over 2 kinds of request (every endpoint), after 8000 distinct searches to fill the answer cache and 10 s of warm-up')
  t.equal(report[1], 'server: test')
  t.same(report.slice(2, 5), ['answers by kind of request:', '  topic en   200 ×5000', '  topic 404  404 ×1000'])
})

t.test('errors, timeouts and unexpected statuses (a 404 where 200 was due) fail the run', async (t) => {
  const kinds: SoakRun['kinds'] = [
    { name: 'topic en', expectStatus: 200, statuses: { 200: 10, 503: 2 } },
    { name: 'search', expectStatus: 200, statuses: { 404: 1, 503: 1 } },
    { name: 'topic 404', expectStatus: 404, statuses: { 404: 4 } }
  ]
  const verdict = judgeSoak(run({ kinds, errors: 3, timeouts: 1 }))
  t.same(verdict.unexpected, [{ status: '404', count: 1, kinds: ['search'] }, { status: '503', count: 3, kinds: ['topic en', 'search'] }])
  t.equal(verdict.expectedNotFound, 4)
  t.same(verdict.failures, ['3 connection errors', '1 timeouts', '4 answers with an unexpected status'])
  t.match(formatSoakReport(run({ kinds }), verdict), 'unexpected statuses: 404 ×1 (search); 503 ×3 (topic en, search); expected 404s: 4\n')
})

t.test('RSS read after a full GC: the last 10 s against the end of the warm-up', async (t) => {
  // Retained memory growing 5 MiB a second over the last 10 s, whatever V8 does in between.
  const growing = [
    ...readings('warm-up', [100, 100, 100].map((value) => value * MIB), 0),
    ...readings('soak', Array.from({ length: 10 }, (_, second) => (110 + 5 * second) * MIB), 0)
  ]
  const verdict = judgeSoak(run({ rss: growing }))
  t.equal(verdict.rssAfterWarmupKiB, 100 * MIB)
  t.equal(verdict.rssLastWindowKiB, 132.5 * MIB)
  t.equal(verdict.rssPeakKiB, null, 'every reading was after a GC')
  t.same(verdict.failures, ['RSS moved +32.5%, more than ±10%'])
  t.match(formatSoakReport(run(), verdict), /mean of the last 10 s 132\.5 MiB: \+32\.5% \(limit ±10%\).*\nRSS peak under load without forcing GC: unknown .*\nsoak: FAIL: RSS moved \+32\.5%, more than ±10%$/)

  const unreadable = judgeSoak(run({ rss: [] }))
  t.same(unreadable.failures, ['RSS could not be read from /proc'])
  t.same(judgeSoak(run({ kinds: [] })).failures, ['no request was answered'])
})

t.test('the mix covers every endpoint once, with the status each must answer', async (t) => {
  const requests = soakRequests('"etag"')
  t.equal(new Set(requests.map((request) => request.name)).size, requests.length, 'names are unique')
  t.same(requests.filter((request) => request.expectStatus !== 200).map((request) => [request.name, request.expectStatus]), [['topic 304 revalidation', 304], ['topic 404', 404]])
  t.same(requests.find((request) => request.expectStatus === 304)?.headers, { 'if-none-match': '"etag"' })
  for (const path of ['/v1', '/health', '/ready', '/v1/labels', '/v1/threat-model/questions', '/llms.txt', '/openapi.json', '/mcp']) {
    t.ok(requests.some((request) => request.path === path), path)
  }
  t.same(requests.filter((request) => request.method === 'POST').map((request) => request.path), ['/v1/layouts/check', '/v1/suggestions', '/mcp'])
})

// The soak is a script, not a test: this only keeps it from rotting. The RSS verdict of a 2 s run
// means little, so only the rest is asserted, and that the exit code follows the verdict.
t.test('npm run soak works end to end (a 2 s smoke run)', async (t) => {
  const storePath = join(temporaryFolder(t), 'guide.db')
  copyFileSync(await testStorePath(), storePath)
  const result = await runScript('cli/soak.ts', { STORE_PATH: storePath, SOAK_SECONDS: '2', SOAK_WARMUP_SECONDS: '1', SOAK_CONNECTIONS: '10', SOAK_CACHE_FILL_MIB: '1' })
  t.equal(result.stderr, '')
  const lines = result.stdout.split('\n')
  t.match(lines[0], /^soak: 2 s at 10 connections over \d+ kinds of request \(every endpoint\), after \d+ distinct searches to fill the answer cache and 1 s of warm-up$/)
  t.match(result.stdout, 'per-client rate limit out of reach (RATE_LIMIT_MAX=1000000000)')
  t.match(result.stdout, /\ncache fill \(10 connections\): \d+ answers, 0 errors, 0 timeouts, unexpected statuses: none\nwarm-up: \d+ answers, 0 errors, 0 timeouts, unexpected statuses: none\n/)
  t.match(result.stdout, /\n {2}topic 404 +404 ×\d+\n/)
  t.match(result.stdout, '\nerrors 0, timeouts 0\nunexpected statuses: none; expected 404s: ')
  t.match(result.stdout, /\nRSS after warm-up \d+\.\d MiB \(mean over its last 3 s\), mean of the last 10 s \d+\.\d MiB: [+-]\d+\.\d% \(limit ±10%\); each reading just after a full GC, under load\n/)
  t.match(result.stdout, /\nsoak: (pass|FAIL: RSS moved .*)\n/)
  t.equal(result.code, result.stdout.includes('\nsoak: pass\n') ? 0 : 1)
})
