import { readFileSync } from 'node:fs'
import t from 'tap'
import { runScript } from './run-script.js'

// The benchmark is a script, not a test: this only keeps it from rotting. No timing is asserted.
// It runs a whole (short) bench: two rounds of every endpoint, start-ups and the corpus growth.
// That took 93 s on a quiet machine and more than the suite's 120 s on a busy one, beside the
// other test files: this file gets 300 s.
t.setTimeout(300_000)
t.test('npm run bench works end to end (smoke run with a handful of requests)', async (t) => {
  // Two rounds: each round measures processes of its own, and the second set must work too.
  const result = await runScript('cli/bench.ts', { BENCH_SMOKE: '1', BENCH_ROUNDS: '2' })
  t.equal(result.code, 0, result.stderr)
  const lines = result.stdout.split('\n')
  t.match(result.stdout, /^bench: (wrk|autocannon), 2 round\(s\)/m)
  t.match(result.stdout, /^server: src\/server\.ts \(the smoke run\)$/m, 'the code under test, whether dist/ holds a build or not')
  t.match(result.stdout, /ratio: req\/s over that of bare node:http replaying the same answer bytes .*each round with processes of its own \(2 API, 2 same-bytes and 2 control\)/)
  for (const name of ['bare node:http, body + 2 headers', 'bare fastify + schema', 'same bytes, second server (A/A)', 'topic detail', 'topic list', 'layout detail', 'layout chain', 'export qvm', 'export svg',
    '304 revalidation', 'search (en, ru)', 'context', 'suggestions GET', 'suggestions POST', 'problem 404']) {
    t.ok(lines.some((line) => line.startsWith(name)), `a row for ${name}`)
  }
  t.match(result.stdout, /^noise: the A\/A control \(two identical node:http servers\) read \d+\.\d\d, \d+\.\d\d to \d+\.\d\d across rounds/m)
  t.match(result.stdout, /start-up to \/ready: median \d+ ms \(\d+\) in the container's environment, \d+ ms \(\d+\) in this shell's/)
  t.match(result.stdout, /search at 2x corpus \(\d+ passages\)/)
  // No verdict is asserted, only that each target is reported with what was measured.
  t.match(result.stdout, /^target: start-up to \/ready < 500 ms: \d+ ms in the container's environment, \d+ ms in this shell's (ok|MISS)$/m)
  t.match(result.stdout, /^target: peak RSS under load < 150 MB \(143\.1 MiB\): \d+\.\d MB \(\d+\.\d MiB\) (ok|MISS)$/m)
  t.match(result.stdout, /^target: search p99 at 100x the corpus <= 3x its p99 at 1x: not measured \(the corpus grew to 2x at most\)$/m)
  const file = /results: (.+\.json)/.exec(result.stdout)?.[1]
  t.ok(file)
  const summary = JSON.parse(readFileSync(file ?? '', 'utf8')) as {
    endpoints: Array<{ name: string, errors: number, ratio: number, ratioRange: [number, number], baselineRequestsPerSecond: number, baselineP99: number | null, p99: number, p99WorstSlice: number, target: { ratio: number, p99Ms: number | null } | null }>
    searchGrowth: unknown[]
    processSets: number
  }
  t.same(summary.endpoints.filter((row) => row.errors > 0).map((row) => row.name), [], 'no errors, and the 404 row answered 404')
  t.ok(summary.endpoints.every((row) => row.ratio > 0 && row.baselineRequestsPerSecond > 0))
  const topicRow = summary.endpoints.find((row) => row.name === 'topic detail')
  t.equal(topicRow?.ratioRange.length, 2, 'each row says how far its rounds strayed')
  t.ok((topicRow?.ratioRange[0] ?? 0) <= (topicRow?.ratioRange[1] ?? -1))
  t.ok((topicRow?.baselineP99 ?? 0) > 0, 'and what p99 the baseline had in the same slices')
  t.ok(summary.endpoints.every((row) => row.p99 > 0 && row.p99WorstSlice >= row.p99), 'and the p99 of its worst slice')
  t.same(summary.endpoints.find((row) => row.name === 'context')?.target, { ratio: 0.5, p99Ms: 10 }, 'computed answers are held to a ratio and a p99')
  t.same(summary.endpoints.find((row) => row.name === 'topic detail')?.target, { ratio: 0.85, p99Ms: null })
  t.equal(summary.searchGrowth.length, 2)
  t.equal(summary.processSets, 2)
})
