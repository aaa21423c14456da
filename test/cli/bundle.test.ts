import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import t from 'tap'
import { freePort, stop, waitUntilReady } from '../../src/bench/processes.js'
import { PRODUCTION_NODE_OPTIONS, productionServerEntry } from '../../src/bench/server-entry.js'
import { codeCacheFile } from '../../src/build/code-cache.js'
import { bundleServer } from '../../src/build/server-bundle.js'
import { ROOT, testStorePath } from '../helper.js'

t.test('npm start, the container and the bench start the server with the same file and node options', async (t) => {
  const command = ['node', ...PRODUCTION_NODE_OPTIONS, relative(ROOT, productionServerEntry(ROOT))]
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
  t.equal(scripts.start, command.join(' '), 'package.json start')
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1]
  t.same(JSON.parse(cmd ?? '[]'), command, 'Dockerfile CMD')
  // V8 refuses a code cache made with other flags, and the read-only image cannot write another.
  const primeCommand = /PRIME_CODE_CACHE=1 [^\n]*\\\n\s*(node [^\\\n]*?)\s*\\?$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1]
  t.equal(primeCommand, command.join(' '), 'the image primes its code cache with the same node options')
})

t.test('the bundle npm start runs builds a missing store (Graphviz drawing its diagrams) and serves the guide, the docs UI, MCP and SVG exports', async (t) => {
  // Inside the repository, as dist/bundle is: better-sqlite3 and the files packages read from
  // their own folders are found in node_modules from there.
  mkdirSync(join(ROOT, 'dist'), { recursive: true })
  const outdir = mkdtempSync(join(ROOT, 'dist', 'bundle-test-'))
  t.teardown(() => rmSync(outdir, { recursive: true, force: true }))
  const bundle = await bundleServer(ROOT, outdir)
  t.equal(basename(bundle.entry), basename(productionServerEntry(ROOT)), 'the file npm start runs')
  // V8 would hold the whole source in two bytes a character for the life of the process.
  const wide = [...readFileSync(bundle.code, 'utf8')].filter((character) => character.charCodeAt(0) > 0xff)
  t.same(wide, [], 'the server code has no character above U+00FF')

  const port = await freePort()
  // No store yet: the bundle builds it from data/ before it listens, as `npm start` on a fresh checkout does.
  const storePath = join(mkdtempSync(join(outdir, 'store-')), 'guide.db')
  // Plain node, without the test runner's loaders: the bundle is what production runs.
  const child = spawn(process.execPath, [bundle.entry], {
    cwd: ROOT,
    env: { ...process.env, STORE_PATH: storePath, PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn', BUILD_STORE_ON_START: 'auto' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  t.teardown(() => stop(child))
  const base = `http://127.0.0.1:${port}`
  await waitUntilReady(`${base}/ready`, performance.now(), 60_000, child).catch((error: Error) => {
    throw new Error(`${error.message}; output:\n${output}`)
  })

  const ready = await (await fetch(`${base}/ready`)).json() as { status: string, release: { version: string } }
  t.equal(ready.status, 'ready')
  t.match(ready.release.version, /^\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}$/)

  const topic = await fetch(`${base}/v1/topics/file-exchange`)
  t.equal(topic.status, 200)
  t.equal((await topic.json() as { slug: string }).slug, 'file-exchange')

  // @fastify/swagger-ui serves these from its own folder in node_modules.
  const stylesheet = await fetch(`${base}/docs/static/swagger-ui.css`)
  t.equal(stylesheet.status, 200, 'the docs UI finds its static files')
  t.match(stylesheet.headers.get('content-type'), /^text\/css/)

  // The MCP SDK is left to node_modules, imported on first use, as Graphviz was by the build.
  const mcp = await fetch(`${base}/mcp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
  })
  t.equal(mcp.status, 200)
  t.match(await mcp.text(), /"name":"search_guidance"/)

  const svg = await fetch(`${base}/v1/layouts/journalist/export?format=svg`)
  t.equal(svg.status, 200)
  const diagram = await svg.text()
  t.match(diagram, /<svg[\s>]/)
  t.match(diagram, 'Investigative journalist', 'the diagram the build drew, in English')

  t.match(output, /^db:build: wrote .*, \d+ SVG diagrams\), .* ms\n$/, 'the build said what it wrote; nothing else was logged at warn or above')
  t.ok(existsSync(codeCacheFile(bundle.code)), 'once listening, the server wrote its code cache for the next start')
})

t.test('the code cache: primed on request, kept by a rebuild of the same code, taken at start', async (t) => {
  mkdirSync(join(ROOT, 'dist'), { recursive: true })
  const outdir = mkdtempSync(join(ROOT, 'dist', 'bundle-test-'))
  t.teardown(() => rmSync(outdir, { recursive: true, force: true }))
  const bundle = await bundleServer(ROOT, outdir)
  t.match(basename(bundle.code), /^server-[A-Z0-9]+\.cjs$/, 'the code is named after its content')
  const env = { ...process.env, STORE_PATH: await testStorePath(), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', BUILD_STORE_ON_START: 'never' }
  const prime = spawnSync(process.execPath, [...PRODUCTION_NODE_OPTIONS, bundle.entry], { cwd: ROOT, env: { ...env, PRIME_CODE_CACHE: '1' }, encoding: 'utf8', timeout: 60_000 })
  t.equal(prime.status, 0, prime.stderr)
  t.equal(prime.stdout.trim(), `code cache written for ${basename(bundle.code)}`)
  const cache = readFileSync(codeCacheFile(bundle.code))
  t.ok(cache.length > 100_000, 'the cache holds the start-up\'s compiled code')

  writeFileSync(join(outdir, 'server-OLDCODE.cjs.v8cache'), 'the cache of an older build')
  const again = await bundleServer(ROOT, outdir)
  t.equal(again.code, bundle.code, 'the same sources make the same code file')
  t.same(readFileSync(codeCacheFile(again.code)), cache, 'and its cache is kept')
  t.notOk(existsSync(join(outdir, 'server-OLDCODE.cjs.v8cache')), 'the cache of other code is not')

  // A start with the cache taken writes nothing; the server answers as ever.
  const port = await freePort()
  const child = spawn(process.execPath, [...PRODUCTION_NODE_OPTIONS, again.entry], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: 'ignore' })
  t.teardown(() => stop(child))
  await waitUntilReady(`http://127.0.0.1:${port}/ready`, performance.now(), 60_000, child)
  t.equal((await fetch(`http://127.0.0.1:${port}/v1/topics/file-exchange`)).status, 200)
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.same(readFileSync(codeCacheFile(again.code)), cache, 'a cache V8 took is not written again')
})
