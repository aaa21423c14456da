import { spawnSync } from 'node:child_process'
import t from 'tap'
import { chooseLoadTool } from '../../src/bench/load.js'
import { parseWrkReport, wrkScript } from '../../src/bench/wrk.js'

const REPORT = `Running 3s test @ http://127.0.0.1:4601/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.43ms    1.12ms  22.47ms   85.70%
    Req/Sec    14.62k     1.13k   16.14k    80.00%
  Latency Distribution
     50%  812.00us
     75%    3.64ms
     90%    4.15ms
     99%    1.02s 
  43659 requests in 3.00s, 376.01MB read
  Socket errors: connect 0, read 2, write 1, timeout 4
  Non-2xx or 3xx responses: 12
Requests/sec:  14382.11
Transfer/sec:    125.09MB
`

t.test('a wrk report is read in milliseconds, with its errors and refusals', async (t) => {
  t.same(parseWrkReport(REPORT), { requestsPerSecond: 14382.11, p50: 0.812, p99: 1020, errors: 7, non2xx: 12 })
  const clean = REPORT.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '')
  t.match(parseWrkReport(clean), { errors: 0, non2xx: 0 })
  t.throws(() => parseWrkReport('wrk: connection refused'), /the report has no Requests\/sec/)
  t.throws(() => parseWrkReport(REPORT.replace('1.02s', '1.02h')), /cannot read the latency "1.02h"/)
  t.throws(() => parseWrkReport(REPORT.replace(/ +50%.*\n/, '')), /no 50% latency/)
})

t.test('the wrk script sets the method, body and headers, and cycles paths or makes distinct ones', async (t) => {
  const post = wrkScript({ method: 'POST', body: '{"a":"\\"]]"}', headers: { 'content-type': 'application/json' } })
  t.match(post, /^wrk\.method = "\\80\\79\\83\\84"$/m, 'every byte escaped')
  t.match(post, /^wrk\.body = "/m)
  t.match(post, /^wrk\.headers\["[\\\d]+"\] = "[\\\d]+"$/m)
  t.notMatch(post, /request = function/, 'one path: wrk sends the URL as given')
  t.match(wrkScript({ method: 'GET', paths: ['/a', '/b'] }), /local paths = \{ "[\\\d]+", "[\\\d]+" \}[\s\S]*paths\[\(counter % #paths\) \+ 1\]/)
  t.match(wrkScript({ method: 'GET', distinct: { prefix: '/v1/search?q=', words: ['qube'] } }), /words\[\(counter % #words\) \+ 1\] \.\. "%20w" \.\. counter/)
  const decoded = /wrk\.body = "([\\\d]+)"/.exec(post)?.[1]?.split('\\').filter(Boolean).map(Number) ?? []
  t.equal(Buffer.from(decoded).toString('utf8'), '{"a":"\\"]]"}', 'the escapes decode to the body')
})

t.test('the load tool is the one asked for, else wrk when it is installed', async (t) => {
  t.equal(chooseLoadTool('autocannon'), 'autocannon')
  t.equal(chooseLoadTool('wrk'), 'wrk')
  const installed = spawnSync('wrk', ['--version']).error === undefined
  t.equal(chooseLoadTool(undefined), installed ? 'wrk' : 'autocannon')
})

t.test('wrk, when installed, runs the script it is given (Lua syntax included)', { skip: spawnSync('wrk', ['--version']).error !== undefined ? 'wrk is not installed' : false }, async (t) => {
  const { createServer } = await import('node:http')
  const seen: string[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => { body += chunk.toString() })
    request.on('end', () => {
      seen.push(`${request.method ?? ''} ${request.url ?? ''} ${request.headers['x-probe'] ?? ''} ${body}`)
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => server.close())
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const { measure } = await import('../../src/bench/load.js')
  const result = await measure({ url: `http://127.0.0.1:${port}/first`, connections: 2, duration: 1, amount: 1, method: 'POST', body: 'ключ "q"', headers: { 'x-probe': 'yes' }, paths: ['/a?q=%D1%84', '/b'] }, 'wrk')
  t.ok(result.requestsPerSecond > 0)
  t.equal(result.errors, 0)
  t.ok(seen.includes('POST /a?q=%D1%84 yes ключ "q"'), 'method, path, header and UTF-8 body as given')
  t.ok(seen.includes('POST /b yes ключ "q"'))
})
