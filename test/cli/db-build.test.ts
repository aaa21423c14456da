import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { copyOfData, DATA_DIR, temporaryFolder } from '../helper.js'
import { runScript } from './run-script.js'

t.test('npm run db:build prints one summary line and writes the store', async (t) => {
  const storePath = join(temporaryFolder(t), 'guide.db')
  const result = await runScript('cli/db-build.ts', { STORE_PATH: storePath, DATA_DIR })
  t.equal(result.code, 0, result.stderr)
  const lines = result.stdout.trim().split('\n')
  t.equal(lines.length, 1)
  t.match(lines[0], new RegExp(`^db:build: wrote ${storePath} \\(release \\d{4}-\\d{2}-\\d{2}\\.[0-9a-f]{8}, schema \\d+\\): topics \\d+ \\(en \\d+, ru \\d+\\), sources \\d+, corrections \\d+, layouts \\d+ \\(en \\d+, ru \\d+, \\d+ qubes, \\d+ SVG diagrams\\), practices \\d+, threats 9, activities \\d+, rules \\d+ \\(every text in en and ru\\) in \\d+ ms$`))
})

t.test('invalid content: file: field: message lines, exit 1, the old store intact', async (t) => {
  const storePath = join(temporaryFolder(t), 'guide.db')
  t.equal((await runScript('cli/db-build.ts', { STORE_PATH: storePath, DATA_DIR })).code, 0)
  const before = readFileSync(storePath)
  const data = copyOfData(t)
  writeFileSync(join(data, 'topics', 'labels', 'topic.yaml'), 'order: 5\ntags: []\n')
  const result = await runScript('cli/db-build.ts', { STORE_PATH: storePath, DATA_DIR: data })
  t.equal(result.code, 1)
  const lines = result.stderr.trim().split('\n')
  t.ok(lines.some((line) => /data\/topics\/labels\/topic\.yaml: tags: must not have fewer than 1 items$/.test(line)), result.stderr)
  t.ok(lines.some((line) => line.endsWith('data/topics/labels/topic.yaml: sources: is required')), result.stderr)
  t.notOk(lines.some((line) => line.includes('unknown topic slug "labels"')), 'a broken topic is still a known slug')
  t.equal(lines.at(-1), `db:build: ${lines.length - 1} problems in the content; the store was not changed`)
  t.same(readFileSync(storePath), before)
})

t.test('bad configuration or migrations stop the build with one line', async (t) => {
  const result = await runScript('cli/db-build.ts', { LOG_LEVEL: 'shouting' })
  t.equal(result.code, 1)
  t.match(result.stderr, /^db:build: invalid configuration: LOG_LEVEL must be one of .* \(got "shouting"\); the store was not changed\n$/)
  const noMigrations = await runScript('cli/db-build.ts', { STORE_PATH: join(temporaryFolder(t), 'guide.db'), DATA_DIR, MIGRATIONS_DIR: '/nonexistent' })
  t.equal(noMigrations.code, 1)
  t.match(noMigrations.stderr, /^db:build: ENOENT.*\/nonexistent.*; the store was not changed\n$/)
})
