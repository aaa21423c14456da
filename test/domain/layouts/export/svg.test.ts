import t from 'tap'
import { loadContent } from '../../../../src/content/load-content.js'
import { exportDot } from '../../../../src/domain/layouts/export/graph-text.js'
import { renderSvgs } from '../../../../src/domain/layouts/export/svg.js'
import { LABEL_COLOURS } from '../../../../src/domain/layouts/model.js'
import { DATA_DIR } from '../../../helper.js'

const layout = loadContent(DATA_DIR).layouts.find((candidate) => candidate.id === 'vpn-tor-chain')
if (layout === undefined) throw new Error('vpn-tor-chain is missing')
const drawn = layout.qubes.filter((qube) => qube.class !== 'TemplateVM')

t.test('SVG: rendered by Graphviz, each qube filled with its label colour, Russian text kept', async (t) => {
  const context = { graph: layout, title: 'Tor через VPN', releaseVersion: 'test', url: '/v1/layouts/vpn-tor-chain' }
  const [svg] = await renderSvgs([exportDot(context, Object.fromEntries(drawn.map((qube) => [qube.name, 'Прикладной кьюб'])))])
  t.match(svg, /<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  for (const qube of drawn) {
    t.match(svg, `<title>${qube.name.replace(/-/g, '&#45;')}</title>`)
  }
  for (const label of new Set(drawn.map((qube) => qube.label))) {
    t.match(svg, `fill="${LABEL_COLOURS[label as keyof typeof LABEL_COLOURS]}"`, `${label} is drawn`)
  }
  t.match(svg, 'Прикладной кьюб')
  t.match(svg, 'Tor через VPN')
})

t.test('SVG: several graphs at once, each answer in the place of its graph', async (t) => {
  const titles = ['first', 'second', 'third']
  const svgs = await renderSvgs(titles.map((title) => exportDot({ graph: layout, title, releaseVersion: 'test', url: '/v1/layouts/vpn-tor-chain' }, {})))
  t.equal(svgs.length, 3)
  svgs.forEach((svg, index) => {
    t.match(svg, `${titles[index] ?? ''} · test`)
    for (const other of titles.filter((_, position) => position !== index)) t.notMatch(svg, `${other} · test`)
  })
  t.same(await renderSvgs([]), [], 'nothing to draw: nothing drawn')
})

t.test('SVG: DOT Graphviz cannot read is an error that says so', async (t) => {
  await t.rejects(renderSvgs(['digraph { a -> b }', 'digraph { broken']), { message: /^Graphviz could not render the layout: ./ })
})
