import t from 'tap'
import { parse as parseYaml } from 'yaml'
import { loadContent } from '../../../../src/content/load-content.js'
import { EXPORT_FORMAT_NAMES } from '../../../../src/domain/layouts/catalogue.js'
import { LABEL_COLOURS } from '../../../../src/domain/layouts/model.js'
import { buildTestApp, DATA_DIR } from '../../../helper.js'

const { layouts } = loadContent(DATA_DIR)

t.test('GET /v1/layouts lists every layout in order, in both languages', async (t) => {
  const app = await buildTestApp(t)
  const english = (await app.inject('/v1/layouts')).json()
  t.same(english.items.map((item: { id: string }) => item.id), layouts.map((layout) => layout.id))
  for (const id of ['vpn-tor-chain', 'default-install', 'whonix-tor', 'vpn-only', 'offline-vault-split-gpg', 'disposable-first', 'journalist', 'banking-separation']) {
    t.ok(english.items.some((item: { id: string }) => item.id === id), `${id} is served`)
  }
  t.match(english.items[0], { id: 'vpn-tor-chain', title: layouts[0]?.title.en, mainQube: 'anon-whonix', links: { self: '/v1/layouts/vpn-tor-chain', chain: '/v1/layouts/vpn-tor-chain/chain' } })
  t.equal(english.items[0].links.exports.svg, '/v1/layouts/vpn-tor-chain/export?format=svg')
  const russian = await app.inject('/v1/layouts?lang=ru')
  t.equal(russian.headers['content-language'], 'ru')
  t.same(russian.json().items.map((item: { title: string }) => item.title), layouts.map((layout) => layout.title.ru))
})

t.test('GET /v1/layouts/{id} gives every qube with its purpose, and related topics by title', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1/layouts/vpn-tor-chain?lang=ru')
  t.equal(response.statusCode, 200)
  const layout = response.json()
  const source = layouts.find((candidate) => candidate.id === 'vpn-tor-chain')
  t.equal(layout.qubes.length, source?.qubes.length)
  const whonix = layout.qubes.find((qube: { name: string }) => qube.name === 'sys-whonix')
  t.match(whonix, { class: 'AppVM', template: 'whonix-gateway-18', label: 'black', labelColour: '#000000', providesNetwork: true, netvm: 'sys-proxyvm', role: 'tor-gateway' })
  t.match(whonix.purpose, /[а-яё]/i)
  t.match(layout.relatedTopics[0], { slug: source?.relatedTopics[0], title: /[а-яё]/i, links: { self: `/v1/topics/${source?.relatedTopics[0]}` } })
  t.same(layout.threats, source?.threats)
  t.ok(layout.sources.length > 0)
  t.equal(layout.notes.length, source?.notes.length)
  const missing = await app.inject('/v1/layouts/no-such-layout')
  t.equal(missing.statusCode, 404)
  t.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal((await app.inject('/v1/layouts/Bad_Id')).statusCode, 400)
})

t.test('GET /v1/layouts/{id}/chain follows netvm from the main qube or from any qube', async (t) => {
  const app = await buildTestApp(t)
  const chain = (await app.inject('/v1/layouts/vpn-tor-chain/chain?from=anon-whonix')).json()
  t.same(chain.hops.map((hop: { qube: string }) => hop.qube), ['anon-whonix', 'sys-whonix', 'sys-proxyvm', 'sys-firewall', 'sys-net'])
  t.same(chain.hops.map((hop: { position: number }) => hop.position), [0, 1, 2, 3, 4])
  t.same(chain.hops.map((hop: { role: string }) => hop.role), ['tor-workstation', 'tor-gateway', 'vpn', 'firewall', 'network'])
  t.equal(chain.summary, 'You → VPN → Tor → Internet')
  t.same((await app.inject('/v1/layouts/vpn-tor-chain/chain')).json().hops, chain.hops, 'the main qube by default')
  const russian = (await app.inject('/v1/layouts/vpn-tor-chain/chain?from=anon-whonix&lang=ru')).json()
  t.equal(russian.summary, 'Вы → VPN → Tor → интернет')
  t.equal(russian.hops[1].roleName, 'Tor-шлюз (Whonix Gateway)')
  const offline = (await app.inject('/v1/layouts/offline-vault-split-gpg/chain?from=vault')).json()
  t.same(offline.hops.map((hop: { qube: string }) => hop.qube), ['vault'])
  t.equal(offline.offline, true)
  t.equal(offline.summary, 'Offline: this qube has no network')
  const unknown = await app.inject('/v1/layouts/vpn-tor-chain/chain?from=nobody')
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json().detail, 'The layout vpn-tor-chain has no qube named "nobody"; its qubes are ')
  t.equal((await app.inject('/v1/layouts/nope/chain')).statusCode, 404)
})

t.test('every export format of every layout answers with its media type and a filename', async (t) => {
  const app = await buildTestApp(t)
  const expected: Record<string, RegExp> = {
    qvm: /^text\/x-shellscript; charset=utf-8$/,
    salt: /^application\/yaml; charset=utf-8$/,
    mermaid: /^text\/vnd\.mermaid; charset=utf-8$/,
    dot: /^text\/vnd\.graphviz; charset=utf-8$/,
    svg: /^image\/svg\+xml; charset=utf-8$/,
    json: /^application\/json; charset=utf-8$/
  }
  for (const layout of layouts) {
    for (const format of EXPORT_FORMAT_NAMES) {
      const response = await app.inject(`/v1/layouts/${layout.id}/export?format=${format}`)
      t.equal(response.statusCode, 200, `${layout.id} ${format}`)
      t.match(response.headers['content-type'], expected[format] as RegExp)
      t.match(response.headers['content-disposition'], new RegExp(`^(attachment|inline); filename="${layout.id}(\\.en)?\\.[a-z]+"$`))
      t.ok(response.body.length > 100)
      t.match(response.headers.etag, /^"/)
    }
  }
})

t.test('exports read back: JSON is the layout, Salt is YAML, SVG is coloured and localised', async (t) => {
  const app = await buildTestApp(t)
  const json = (await app.inject('/v1/layouts/vpn-tor-chain/export?format=json')).json()
  const source = layouts.find((layout) => layout.id === 'vpn-tor-chain')
  t.same(json.qubes, source?.qubes)
  t.equal(json.id, 'vpn-tor-chain')
  t.match(json.release, /^\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}$/)
  const salt = parseYaml((await app.inject('/v1/layouts/vpn-tor-chain/export?format=salt')).body) as Record<string, unknown>
  t.ok(salt['sys-proxyvm'], 'a state per qube')
  const russian = await app.inject('/v1/layouts/vpn-tor-chain/export?format=svg&lang=ru')
  t.equal(russian.headers['content-disposition'], 'inline; filename="vpn-tor-chain.ru.svg"')
  // Graphviz writes '-' as the entity &#45; in SVG text.
  const text = russian.body.replace(/&#45;/g, '-')
  t.match(text, source?.title.ru ?? '')
  t.match(text, 'Tor-шлюз (Whonix Gateway)')
  t.match(russian.body, `fill="${LABEL_COLOURS.blue}"`)
  const script = await app.inject('/v1/layouts/vpn-tor-chain/export?format=qvm&lang=ru')
  t.equal(script.headers['content-disposition'], 'attachment; filename="vpn-tor-chain.sh"', 'the script is the same in every language')
})

t.test('a missing or unknown export format is a 400 naming the valid ones', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject('/v1/layouts/vpn-tor-chain/export')
  t.equal(missing.statusCode, 400)
  t.same(missing.json().errors, [{ in: 'query', field: '/format', message: 'is required' }].map((error) => ({ ...error, message: missing.json().errors[0].message })))
  const wrong = await app.inject('/v1/layouts/vpn-tor-chain/export?format=pdf')
  t.equal(wrong.statusCode, 400)
  t.equal(wrong.json().errors[0].message, 'must be one of qvm, salt, mermaid, dot, svg, json')
  t.equal((await app.inject('/v1/layouts/nope/export?format=svg')).statusCode, 404)
})
