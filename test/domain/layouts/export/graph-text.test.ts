import t from 'tap'
import { loadContent } from '../../../../src/content/load-content.js'
import { exportDot, exportMermaid } from '../../../../src/domain/layouts/export/graph-text.js'
import { LABEL_COLOURS } from '../../../../src/domain/layouts/model.js'
import { DATA_DIR } from '../../../helper.js'

const layout = loadContent(DATA_DIR).layouts.find((candidate) => candidate.id === 'vpn-tor-chain')
if (layout === undefined) throw new Error('vpn-tor-chain is missing')
const context = { graph: layout, title: 'Tor через VPN', releaseVersion: 'test', url: '/v1/layouts/vpn-tor-chain' }
const drawn = layout.qubes.filter((qube) => qube.class !== 'TemplateVM')

t.test('DOT: a box per qube in its label colour and an arrow along each netvm', async (t) => {
  const dot = exportDot(context, { 'sys-whonix': 'Tor-шлюз "Whonix"' })
  t.match(dot, /^digraph "vpn-tor-chain" \{/)
  for (const qube of drawn) t.match(dot, `"${qube.name}" [label=`)
  t.notMatch(dot, '"fedora-42-xfce" [', 'templates are not drawn')
  t.match(dot, '"sys-whonix" -> "sys-proxyvm";')
  t.match(dot, '"anon-whonix" -> "sys-whonix";')
  t.match(dot, 'label="sys-whonix\\nTor-шлюз \\"Whonix\\""', 'quotes are escaped')
  t.match(dot, `fillcolor="${LABEL_COLOURS.black}"`)
  t.equal(dot.match(/ -> /g)?.length, drawn.filter((qube) => qube.netvm !== null).length)
})

t.test('Mermaid: the same nodes, arrows and colours', async (t) => {
  const mermaid = exportMermaid(context)
  t.match(mermaid, /\nflowchart LR\n/)
  t.match(mermaid, 'q_sys_whonix --> q_sys_proxyvm')
  t.match(mermaid, `style q_sys_net fill:${LABEL_COLOURS.red},color:#ffffff`)
  t.match(mermaid, 'style q_anon_whonix fill:#cc0000,color:#ffffff,stroke-width:3px', 'the main qube stands out')
})
