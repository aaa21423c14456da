import t from 'tap'
import { loadContent } from '../../../../src/content/load-content.js'
import { exportDot, exportMermaid } from '../../../../src/domain/layouts/export/graph-text.js'
import { GraphvizRenderer, renderSvg } from '../../../../src/domain/layouts/export/svg.js'
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

t.test('SVG: rendered by Graphviz, each qube filled with its label colour, Russian text kept', async (t) => {
  const svg = await renderSvg(exportDot(context, Object.fromEntries(drawn.map((qube) => [qube.name, 'Прикладной кьюб']))))
  t.match(svg, /<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  for (const qube of drawn) {
    t.match(svg, `<title>${qube.name.replace(/-/g, '&#45;')}</title>`)
  }
  for (const label of new Set(drawn.map((qube) => qube.label))) {
    t.match(svg, `fill="${LABEL_COLOURS[label as keyof typeof LABEL_COLOURS]}"`, `${label} is drawn`)
  }
  t.match(svg, 'Прикладной кьюб')
  t.match(svg, 'Tor через VPN')
  await t.rejects(renderSvg('digraph { broken'), /Graphviz could not render the layout/)
})

t.test('SVG: Graphviz is let go once no render has come for a while, and made again when one does', async (t) => {
  const renderer = new GraphvizRenderer(30)
  t.equal(renderer.loaded, false, 'not made before the first render')
  const dot = exportDot(context, {})
  const first = await renderer.render(dot)
  const second = await renderer.render(dot)
  t.equal(renderer.loaded, true, 'kept between renders that follow each other')
  t.equal(second, first)
  await new Promise((resolve) => setTimeout(resolve, 80))
  t.equal(renderer.loaded, false, 'let go after the idle time')
  t.equal(await renderer.render(dot), first, 'made again, with the same output')
  await t.rejects(renderer.render('digraph { broken'), /Graphviz could not render the layout/)
  t.equal(renderer.loaded, true, 'a DOT error does not drop a working instance')
})
