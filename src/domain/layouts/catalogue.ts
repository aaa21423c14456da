import { LOCALES, type Locale } from '../../content/locales.js'
import type { LayoutContent } from '../../content/load-layouts.js'
import { type Chain, layoutChain, ROLE_NAMES } from './chain.js'
import type { ExportContext } from './export/context.js'
import { exportDot, exportMermaid } from './export/graph-text.js'
import { exportQvmScript } from './export/qvm-script.js'
import { exportSaltState } from './export/salt-state.js'
import { renderSvgs } from './export/svg.js'

export const EXPORT_FORMATS = {
  qvm: { mediaType: 'text/x-shellscript; charset=utf-8', extension: 'sh', disposition: 'attachment', localised: false },
  salt: { mediaType: 'application/yaml; charset=utf-8', extension: 'sls', disposition: 'attachment', localised: false },
  mermaid: { mediaType: 'text/vnd.mermaid; charset=utf-8', extension: 'mmd', disposition: 'inline', localised: true },
  dot: { mediaType: 'text/vnd.graphviz; charset=utf-8', extension: 'gv', disposition: 'inline', localised: true },
  svg: { mediaType: 'image/svg+xml; charset=utf-8', extension: 'svg', disposition: 'inline', localised: true },
  json: { mediaType: 'application/json; charset=utf-8', extension: 'json', disposition: 'inline', localised: false }
} as const
export type ExportFormat = keyof typeof EXPORT_FORMATS
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[]

const OFFLINE_MARK: Record<Locale, string> = { en: ' · offline', ru: ' · без сети' }

/** A layout's diagram in one language, as the store keeps it. */
export interface LayoutDiagram {
  layoutId: string
  locale: Locale
  svg: string
}

/** Where a layout's diagram in one language is found in the map the catalogue takes. */
export function diagramKey (layoutId: string, locale: Locale): string {
  return `${layoutId}\0${locale}`
}

function exportContext (layout: LayoutContent, format: ExportFormat, locale: Locale, releaseVersion: string): ExportContext {
  return {
    graph: layout,
    title: layout.title[EXPORT_FORMATS[format].localised ? locale : 'en'],
    releaseVersion,
    url: `/v1/layouts/${layout.id}`
  }
}

/** Diagrams name each qube's role on its second line: short, and in the requested language. */
function diagramSubtitles (layout: LayoutContent, locale: Locale): Record<string, string> {
  return Object.fromEntries(layout.qubes.map((qube) => {
    const offline = qube.netvm === null && qube.role !== 'network' && qube.class !== 'TemplateVM'
    return [qube.name, `${ROLE_NAMES[qube.role][locale]}${offline ? OFFLINE_MARK[locale] : ''}`]
  }))
}

/**
 * Every layout's SVG diagram in every language, which the store build writes: the `dot` export
 * drawn by Graphviz. Rendering is the one export that needs more than the layout's own data, so
 * it is done once per release, not by the server.
 */
export async function renderLayoutDiagrams (layouts: readonly LayoutContent[], releaseVersion: string): Promise<LayoutDiagram[]> {
  const wanted = layouts.flatMap((layout) => LOCALES.map((locale) => ({ layout, locale })))
  const svgs = await renderSvgs(wanted.map(({ layout, locale }) =>
    exportDot(exportContext(layout, 'svg', locale, releaseVersion), diagramSubtitles(layout, locale))))
  return wanted.map(({ layout, locale }, index) => ({ layoutId: layout.id, locale, svg: svgs[index] as string }))
}

/**
 * The layouts of one content release, with everything derived from them computed once: chains
 * on first use, exports on first request of each format and language, then served from memory
 * until the process serves another release. SVG diagrams come rendered, from the store.
 */
export class LayoutCatalogue {
  private readonly byId: Map<string, LayoutContent>
  private readonly exports = new Map<string, string>()
  private readonly chains = new Map<string, Chain | undefined>()

  /** `diagrams` holds every layout's SVG in every language, by diagramKey. */
  constructor (readonly layouts: LayoutContent[], private readonly releaseVersion: string, private readonly diagrams: ReadonlyMap<string, string>) {
    this.byId = new Map(layouts.map((layout) => [layout.id, layout]))
  }

  get (id: string): LayoutContent | undefined {
    return this.byId.get(id)
  }

  chain (layout: LayoutContent, from: string): Chain | undefined {
    const key = `${layout.id}\0${from}`
    if (!this.chains.has(key)) this.chains.set(key, layoutChain(layout, from))
    return this.chains.get(key)
  }

  /** The export as text. */
  export (layout: LayoutContent, format: ExportFormat, locale: Locale): string {
    const key = `${layout.id}\0${format}\0${EXPORT_FORMATS[format].localised ? locale : ''}`
    let text = this.exports.get(key)
    if (text === undefined) {
      text = this.render(layout, format, locale)
      this.exports.set(key, text)
    }
    return text
  }

  private render (layout: LayoutContent, format: ExportFormat, locale: Locale): string {
    const context = exportContext(layout, format, locale, this.releaseVersion)
    switch (format) {
      case 'qvm': return exportQvmScript(context)
      case 'salt': return exportSaltState(context)
      case 'mermaid': return exportMermaid(context, diagramSubtitles(layout, locale))
      case 'dot': return exportDot(context, diagramSubtitles(layout, locale))
      case 'svg': {
        const svg = this.diagrams.get(diagramKey(layout.id, locale))
        if (svg === undefined) throw new Error(`no SVG diagram of the layout ${layout.id} in ${locale} was given`)
        return svg
      }
      case 'json': {
        const { position: _position, ...document } = layout
        return `${JSON.stringify({ ...document, release: this.releaseVersion }, null, 2)}\n`
      }
    }
  }
}
