import t from 'tap'
import { loadContent } from '../../../src/content/load-content.js'
import { layoutChain } from '../../../src/domain/layouts/chain.js'
import { creationOrder, netvmPath } from '../../../src/domain/layouts/graph.js'
import { completeQube } from '../../../src/domain/layouts/infer-role.js'
import type { LayoutGraph } from '../../../src/domain/layouts/model.js'
import { DATA_DIR } from '../../helper.js'

const { layouts } = loadContent(DATA_DIR)
const byId = new Map(layouts.map((layout) => [layout.id, layout]))

t.test('vpn-tor-chain from anon-whonix is the Privacy Guides chain: You → VPN → Tor → Internet', async (t) => {
  const layout = byId.get('vpn-tor-chain')
  if (layout === undefined) throw new Error('vpn-tor-chain is missing')
  const chain = layoutChain(layout, 'anon-whonix')
  t.same(chain?.hops.map((hop) => hop.name), ['anon-whonix', 'sys-whonix', 'sys-proxyvm', 'sys-firewall', 'sys-net'])
  t.same(chain?.hops.map((hop) => hop.role), ['tor-workstation', 'tor-gateway', 'vpn', 'firewall', 'network'])
  t.same(chain?.summary, { en: 'You → VPN → Tor → Internet', ru: 'Вы → VPN → Tor → интернет' })
  t.equal(chain?.offline, false)
  t.equal(chain?.reachesInternet, true)
  t.equal(layout.qubes.find((qube) => qube.name === 'sys-whonix')?.netvm, 'sys-proxyvm', 'the Whonix Gateway\'s netvm is the VPN qube')
})

t.test('the seed table: every qube of vpn-tor-chain gets its network from the qube the page names', async (t) => {
  const layout = byId.get('vpn-tor-chain')
  const netvms = Object.fromEntries(layout?.qubes.filter((qube) => qube.class !== 'TemplateVM' && !qube.disposableTemplate).map((qube) => [qube.name, qube.netvm]) ?? [])
  t.match(netvms, { 'sys-net': null, 'sys-firewall': 'sys-net', 'sys-proxyvm': 'sys-firewall', 'sys-whonix': 'sys-proxyvm', 'anon-whonix': 'sys-whonix' })
})

t.test('other layouts summarise their own paths', async (t) => {
  t.equal(layoutChain(byId.get('whonix-tor') as LayoutGraph, 'anon-whonix')?.summary.en, 'You → Tor → Internet')
  t.equal(layoutChain(byId.get('vpn-only') as LayoutGraph, 'work-vpn')?.summary.en, 'You → VPN → Internet')
  t.equal(layoutChain(byId.get('default-install') as LayoutGraph, 'personal')?.summary.en, 'You → Internet')
})

t.test('an offline qube has a path of one hop that says so', async (t) => {
  const chain = layoutChain(byId.get('offline-vault-split-gpg') as LayoutGraph, 'vault')
  t.same(chain?.hops.map((hop) => hop.name), ['vault'])
  t.equal(chain?.offline, true)
  t.equal(chain?.reachesInternet, false)
  t.same(chain?.summary, { en: 'Offline: this qube has no network', ru: 'Без сети: у этого кьюба нет сетевого подключения' })
  const hardware = layoutChain(byId.get('vpn-tor-chain') as LayoutGraph, 'sys-net')
  t.equal(hardware?.offline, false, 'the network qube itself is not offline')
  t.equal(hardware?.summary.en, 'You → Internet')
})

const broken: LayoutGraph = {
  id: 'broken',
  mainQube: 'a',
  qubes: [
    completeQube({ name: 'a', class: 'AppVM', template: 't', label: 'red', providesNetwork: true, netvm: 'b' }),
    completeQube({ name: 'b', class: 'AppVM', template: 't', label: 'red', providesNetwork: true, netvm: 'a' }),
    completeQube({ name: 'c', class: 'AppVM', template: 't', label: 'red', netvm: 'gone' }),
    completeQube({ name: 'vpn-end', class: 'AppVM', template: 't', label: 'red', providesNetwork: true, role: 'vpn' }),
    completeQube({ name: 'd', class: 'AppVM', template: 't', label: 'red', netvm: 'vpn-end' }),
    completeQube({ name: 't', class: 'TemplateVM', label: 'black' })
  ]
}

t.test('paths that loop, break or end nowhere', async (t) => {
  t.same(netvmPath(broken, 'a'), { hops: [broken.qubes[0], broken.qubes[1]], missing: null, cycle: true })
  t.equal(netvmPath(broken, 'c').missing, 'gone')
  t.equal(layoutChain(broken, 'a'), undefined)
  t.equal(layoutChain(broken, 'c'), undefined)
  t.equal(layoutChain(broken, 'nobody'), undefined)
  const dead = layoutChain(broken, 'd')
  t.equal(dead?.reachesInternet, false)
  t.same(dead?.summary, { en: 'You → VPN → no network', ru: 'Вы → VPN → нет сети' })
})

t.test('creation order puts every qube after its template, whatever the netvm links', async (t) => {
  for (const layout of layouts) {
    const order = creationOrder(layout).map((qube) => qube.name)
    t.equal(order.length, layout.qubes.length, `${layout.id}: every qube once`)
    for (const qube of layout.qubes) {
      if (qube.template !== null) t.ok(order.indexOf(qube.template) < order.indexOf(qube.name), `${layout.id}: ${qube.template} before ${qube.name}`)
    }
  }
  const loop: LayoutGraph = { id: 'loop', mainQube: 'x', qubes: [completeQube({ name: 'x', class: 'AppVM', template: 'y', label: 'red' }), completeQube({ name: 'y', class: 'AppVM', template: 'x', label: 'red' })] }
  t.same(creationOrder(loop).map((qube) => qube.name).sort(), ['x', 'y'], 'a template loop still lists each qube once')
})
