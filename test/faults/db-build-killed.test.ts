import { createHash } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync, watch } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { openStore } from '../../src/store/open-store.js'
import { DATA_DIR, SCHEMA_VERSION, temporaryFolder, testStorePath } from '../helper.js'
import { finished, runScript, startScript } from '../cli/run-script.js'
import { startServer, waitForReady } from './server-process.js'

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

interface KillPoint {
  name: string
  /** The build is killed at this appearance or disappearance of its rollback journal. */
  journalEvent: number
}

// Two states of a build, well before its rename, at which it is killed: states, not delays, as a
// build takes 1 s on a quiet machine and many more on a busy one. Each write transaction creates
// the journal and deletes it at the commit: the schema is written in the first, the content in
// the second.
const KILL_POINTS: KillPoint[] = [
  { name: 'the schema is being written', journalEvent: 1 },
  { name: 'the content is being written', journalEvent: 3 }
]

/** Runs db:build and SIGKILLs it at the kill point; resolves with the build's pid. */
async function killedBuild (t: Test, folder: string, point: KillPoint): Promise<number> {
  const child = startScript('cli/db-build.ts', { STORE_PATH: join(folder, 'guide.db'), DATA_DIR })
  const pid = child.pid ?? 0
  let journalEvents = 0
  const watcher = watch(folder, (event, file) => {
    if (event !== 'rename' || file !== `guide.db.tmp-${pid}-journal` || ++journalEvents < point.journalEvent) return
    watcher.close()
    child.kill('SIGKILL')
  })
  t.teardown(() => { watcher.close(); child.kill('SIGKILL') })
  const result = await finished(child)
  t.equal(result.signal, 'SIGKILL', 'killed before it finished', { output: `${result.stdout}${result.stderr}` })
  return pid
}

t.test('db:build killed mid-build: the store that was there is intact and still served', async (t) => {
  const folder = temporaryFolder(t)
  const storePath = join(folder, 'guide.db')
  copyFileSync(await testStorePath(), storePath)
  const hash = sha256(storePath)
  // The server starts while the first build runs: both take seconds under tap's loader.
  const server = await startServer(t, { STORE_PATH: storePath, BUILD_STORE_ON_START: 'never', LOG_LEVEL: 'warn' })
  const release = waitForReady(`${server.base}/v1`).then(async (answer) => await answer.json() as { release: { builtAt: string } })

  // One after the other: each build first removes what dead builds left.
  for (const point of KILL_POINTS) {
    const pid = await killedBuild(t, folder, point)
    const leftovers = readdirSync(folder).filter((name) => name !== 'guide.db').sort()
    // Its rollback journal too when the kill landed inside a transaction.
    const own = [`guide.db.tmp-${pid}`, `guide.db.tmp-${pid}-journal`]
    t.same(leftovers.filter((name) => !own.includes(name)), [], `killed when ${point.name}: what earlier builds left was removed`)
    t.ok(leftovers.includes(`guide.db.tmp-${pid}`), 'the kill landed before the rename: its temporary store is left')
    t.equal(sha256(storePath), hash, 'the store has the same bytes')
    const { release: servedFirst } = await release
    const answer = await fetch(`${server.base}/v1`)
    t.equal(answer.status, 200, 'the running server still answers')
    t.same((await answer.json() as Awaited<typeof release>).release, servedFirst, 'with the release it started with')
    const db = openStore(storePath, SCHEMA_VERSION)
    t.equal(db.pragma('quick_check', { simple: true }), 'ok', 'and the store still opens intact')
    db.close()
  }

  const leftovers = readdirSync(folder).filter((name) => name !== 'guide.db').sort()
  const next = await runScript('cli/db-build.ts', { STORE_PATH: storePath, DATA_DIR })
  t.equal(next.code, 0, 'the next build succeeds', { stderr: next.stderr })
  const removed = /; removed what interrupted builds left: (.+)$/.exec(next.stdout.trim())?.[1]?.split(', ').sort()
  t.same(removed, leftovers, 'the next build removes what the killed ones left, and says so')
  t.same(readdirSync(folder), ['guide.db'], 'nothing else is left in the folder')
  t.not(sha256(storePath), hash, 'the next build replaced the store')
  t.equal((await fetch(`${server.base}/v1`)).status, 200, 'the running server answers throughout, from the store it opened')
})
