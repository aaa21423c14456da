import t from 'tap'
import { loadContent } from '../../../src/content/load-content.js'
import { diagramKey, LayoutCatalogue, renderLayoutDiagrams } from '../../../src/domain/layouts/catalogue.js'
import { DATA_DIR } from '../../helper.js'

const layouts = loadContent(DATA_DIR).layouts
const chain = layouts.find((layout) => layout.id === 'vpn-tor-chain')
if (chain === undefined) throw new Error('vpn-tor-chain is missing')

t.test('the store build draws every layout in every language, titled and labelled in that language', async (t) => {
  const diagrams = await renderLayoutDiagrams(layouts, '2026-11-27.abcdef12')
  t.same(diagrams.map(({ layoutId, locale }) => `${layoutId} ${locale}`), layouts.flatMap((layout) => [`${layout.id} en`, `${layout.id} ru`]))
  const english = diagrams.find((diagram) => diagram.layoutId === chain.id && diagram.locale === 'en')?.svg ?? ''
  const russian = diagrams.find((diagram) => diagram.layoutId === chain.id && diagram.locale === 'ru')?.svg ?? ''
  t.match(english, /^<\?xml/)
  // Graphviz writes '-' as the entity &#45; in SVG text.
  const inSvg = (text: string): string => text.replace(/-/g, '&#45;')
  t.match(english, inSvg(`${chain.title.en} · 2026-11-27.abcdef12`))
  t.match(russian, inSvg(`${chain.title.ru} · 2026-11-27.abcdef12`))
  t.match(english, 'Firewall', 'roles in English')
  t.match(russian, 'Межсетевой экран', 'roles in Russian')
  t.notMatch(russian, 'Firewall')
})

t.test('the catalogue answers an SVG export with the diagram it was given, and the other exports from the layout', async (t) => {
  const diagrams = new Map(layouts.flatMap((layout) => (['en', 'ru'] as const).map((locale) => [diagramKey(layout.id, locale), `<svg>${layout.id} ${locale}</svg>`])))
  const catalogue = new LayoutCatalogue(layouts, '2026-11-27.abcdef12', diagrams)
  t.equal(catalogue.export(chain, 'svg', 'ru'), '<svg>vpn-tor-chain ru</svg>')
  t.equal(catalogue.export(chain, 'svg', 'en'), '<svg>vpn-tor-chain en</svg>')
  const script = catalogue.export(chain, 'qvm', 'ru')
  t.match(script, 'content release 2026-11-27.abcdef12')
  t.equal(catalogue.export(chain, 'qvm', 'en'), script, 'a dom0 script is the same in every language')
  t.not(catalogue.export(chain, 'dot', 'ru'), catalogue.export(chain, 'dot', 'en'), 'a graph follows the language')

  const withoutDiagrams = new LayoutCatalogue(layouts, '2026-11-27.abcdef12', new Map())
  t.throws(() => withoutDiagrams.export(chain, 'svg', 'en'), { message: 'no SVG diagram of the layout vpn-tor-chain in en was given' })
  t.match(withoutDiagrams.export(chain, 'mermaid', 'en'), /flowchart LR/, 'the text exports need no diagram')
})
