import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { DATA_DIR, temporaryFolder, testStorePath } from './helper.js'
import { finished, runScript, startScript } from './cli/run-script.js'
import { freePort, waitForReady } from './faults/server-process.js'

t.test('builds a missing store, serves it, and exits 0 on SIGTERM', async (t) => {
  const port = await freePort()
  const storePath = join(temporaryFolder(t), 'guide.db')
  const child = startScript('server.ts', { PORT: String(port), STORE_PATH: storePath, DATA_DIR, LOG_LEVEL: 'info' })
  const result = finished(child)
  t.teardown(() => { child.kill('SIGKILL') })
  const ready = await waitForReady(`http://127.0.0.1:${port}/ready`)
  t.equal(ready.status, 200)
  t.equal((await ready.json() as { status: string }).status, 'ready')
  const topics = await fetch(`http://127.0.0.1:${port}/v1/topics?lang=ru&tag=private-words`)
  t.equal(topics.headers.get('content-language'), 'ru')
  child.kill('SIGTERM')
  const { code, stdout } = await result
  t.equal(code, 0)
  t.match(stdout, /^db:build: wrote /m, 'the missing store was built first')
  const logs = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
  t.ok(logs.some((log) => log.msg === 'incoming request' && typeof log.requestId === 'string'), 'JSON logs with a request id')
  t.notMatch(stdout, 'private-words', 'query strings are never logged')
})

t.test('a bad variable stops start-up with one line naming it', async (t) => {
  const result = await runScript('server.ts', { PORT: 'eighty' })
  t.equal(result.code, 1)
  t.equal(result.stderr, 'qubes-guide-api: cannot start: invalid configuration: PORT must be integer (got "eighty")\n')
})

t.test('a damaged store stops start-up with one clear line', async (t) => {
  const folder = temporaryFolder(t)
  const storePath = join(folder, 'guide.db')
  writeFileSync(storePath, 'not a database '.repeat(500))
  const result = await runScript('server.ts', { PORT: String(await freePort()), STORE_PATH: storePath, BUILD_STORE_ON_START: 'never' })
  t.equal(result.code, 1)
  t.match(result.stderr, /^qubes-guide-api: cannot start: store at .*guide\.db cannot be opened: file is not a database\n$/)

  const missing = await runScript('server.ts', { PORT: String(await freePort()), STORE_PATH: join(folder, 'missing.db'), BUILD_STORE_ON_START: 'never' })
  t.equal(missing.code, 1)
  t.match(missing.stderr, /cannot start: store not found at .*missing\.db: build it with npm run db:build\n$/)
})

t.test('invalid content at start-up: file: field: message, and no server', async (t) => {
  const folder = temporaryFolder(t)
  const data = join(folder, 'data')
  const { cpSync } = await import('node:fs')
  cpSync(DATA_DIR, data, { recursive: true })
  writeFileSync(join(data, 'topics', 'labels', 'en.md'), 'no front matter')
  const storePath = join(folder, 'guide.db')
  const result = await runScript('server.ts', { PORT: String(await freePort()), STORE_PATH: storePath, DATA_DIR: data })
  t.equal(result.code, 1)
  t.match(result.stderr, /data\/topics\/labels\/en\.md: \(front matter\): the file must start with a front matter block/)
  t.match(result.stderr, /qubes-guide-api: cannot start: content is invalid/)
})

t.test('a fresh store is served without rebuilding', async (t) => {
  const folder = temporaryFolder(t)
  const storePath = join(folder, 'guide.db')
  copyFileSync(await testStorePath(), storePath)
  const port = await freePort()
  const child = startScript('server.ts', { PORT: String(port), STORE_PATH: storePath, DATA_DIR: join(folder, 'no-data-here'), LOG_LEVEL: 'warn' })
  const result = finished(child)
  t.teardown(() => { child.kill('SIGKILL') })
  t.equal((await waitForReady(`http://127.0.0.1:${port}/ready`)).status, 200)
  child.kill('SIGINT')
  const { code, stdout } = await result
  t.equal(code, 0)
  t.notMatch(stdout, 'db:build')
})
