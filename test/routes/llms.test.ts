import t from 'tap'
import { buildTestApp } from '../helper.js'

t.test('/llms.txt follows the convention: H1, blockquote, H2 sections of links to Markdown twins', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/llms.txt')
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/markdown; charset=utf-8')
  const lines = response.body.split('\n')
  t.equal(lines[0], '# Qubes Guide API')
  t.match(lines[2], /^> /)
  const sections = lines.filter((line) => line.startsWith('## '))
  t.same(sections, ['## Topics', '## Practices', '## Qube layouts', '## API', '## Optional'])
  const links = lines.filter((line) => line.startsWith('- ['))
  for (const line of links) t.match(line, /^- \[[^\]]+\]\([^)]+\)(: .+)?$/)
  const twins = links.map((line) => /\]\(([^)]+)\)/.exec(line)?.[1] ?? '').filter((url) => url.endsWith('.md'))
  t.ok(twins.length >= 16 + 20 + 8, `${twins.length} Markdown twins`)
  for (const url of twins) {
    const twin = await app.inject(url)
    t.equal(twin.statusCode, 200, url)
    t.equal(twin.headers['content-type'], 'text/markdown; charset=utf-8')
  }
})

t.test('the Russian index links to Russian twins; the full files hold every document', async (t) => {
  const app = await buildTestApp(t)
  const russian = await app.inject('/ru/llms.txt')
  t.equal(russian.headers['content-language'], 'ru')
  t.match(russian.body, '## Темы')
  t.match(russian.body, '(/v1/topics/copying-text.md?lang=ru)')
  const practice = await app.inject('/v1/practices/split-gpg.md?lang=ru')
  t.match(practice.body, /^# .*\n\n> /)
  t.match(practice.body, '## Источники')
  const layout = await app.inject('/v1/layouts/vpn-tor-chain.md')
  t.match(layout.body, 'You → VPN → Tor → Internet')
  t.match(layout.body, '`sys-whonix` (AppVM, black, network from `sys-proxyvm`)')
  t.equal((await app.inject('/v1/layouts/nope.md')).statusCode, 404)
  const full = await app.inject('/llms-full.txt')
  t.ok(full.body.length > 50_000)
  t.match(full.body, '## Copying and pasting text between qubes')
  const fullRu = await app.inject('/ru/llms-full.txt')
  t.match(fullRu.body, /## Копирование/)
})
