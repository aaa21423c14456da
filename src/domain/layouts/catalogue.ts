import type { Locale } from '../../content/locales.js'
import type { LayoutContent } from '../../content/load-layouts.js'
import { type Chain, layoutChain, ROLE_NAMES } from './chain.js'
import type { ExportContext } from './export/context.js'
import { exportDot, exportMermaid } from './export/graph-text.js'
import { exportQvmScript } from './export/qvm-script.js'
import { exportSaltState } from './export/salt-state.js'
import { renderSvg } from './export/svg.js'

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

/**
 * The layouts of one content release, with everything derived from them computed once: chains
 * on first use, exports on first request of each format and language (SVG rendering is the
 * expensive one), then served from memory until the process serves another release.
 */
export class LayoutCatalogue {
  private readonly byId: Map<string, LayoutContent>
  private readonly exports = new Map<string, Promise<string>>()
  private readonly chains = new Map<string, Chain | undefined>()

  constructor (readonly layouts: LayoutContent[], private readonly releaseVersion: string) {
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

  /** The export as text; a failed render is forgotten so that the next request tries again. */
  export (layout: LayoutContent, format: ExportFormat, locale: Locale): Promise<string> {
    const key = `${layout.id}\0${format}\0${EXPORT_FORMATS[format].localised ? locale : ''}`
    let text = this.exports.get(key)
    if (text === undefined) {
      text = this.render(layout, format, locale)
      text.catch(() => this.exports.delete(key))
      this.exports.set(key, text)
    }
    return text
  }

  private async render (layout: LayoutContent, format: ExportFormat, locale: Locale): Promise<string> {
    const context: ExportContext = {
      graph: layout,
      title: layout.title[EXPORT_FORMATS[format].localised ? locale : 'en'],
      releaseVersion: this.releaseVersion,
      url: `/v1/layouts/${layout.id}`
    }
    // Diagrams name each qube's role on its second line: short, and in the requested language.
    const subtitles = Object.fromEntries(layout.qubes.map((qube) => {
      const offline = qube.netvm === null && qube.role !== 'network' && qube.class !== 'TemplateVM'
      return [qube.name, `${ROLE_NAMES[qube.role][locale]}${offline ? OFFLINE_MARK[locale] : ''}`]
    }))
    switch (format) {
      case 'qvm': return exportQvmScript(context)
      case 'salt': return exportSaltState(context)
      case 'mermaid': return exportMermaid(context, subtitles)
      case 'dot': return exportDot(context, subtitles)
      case 'svg': return await renderSvg(exportDot(context, subtitles))
      case 'json': {
        const { position: _position, ...document } = layout
        return `${JSON.stringify({ ...document, release: this.releaseVersion }, null, 2)}\n`
      }
    }
  }
}
