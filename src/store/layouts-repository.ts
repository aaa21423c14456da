import type { Database } from 'better-sqlite3'
import type { LayoutContent, LayoutQube, Localised } from '../content/load-layouts.js'
import { LOCALES, type Locale } from '../content/locales.js'
import { diagramKey } from '../domain/layouts/catalogue.js'
import type { ThreatId } from '../content/threats.js'
import type { QubeClass, QubeRole } from '../domain/layouts/model.js'

interface LayoutRow { id: string, position: number, qubesRelease: string, reviewedAt: string, mainQube: string }
interface QubeRow {
  layoutId: string
  name: string
  class: QubeClass
  template: string | null
  label: string
  providesNetwork: number
  netvm: string | null
  disposableTemplate: number
  preinstalled: number
  role: QubeRole
  defaultDispvm: string | null
  servicesJson: string
  featuresJson: string
  tagsJson: string
}

function localised (rows: Array<{ locale: Locale, text: string }>): Localised {
  const byLocale: Partial<Localised> = {}
  for (const row of rows) byLocale[row.locale] = row.text
  if (byLocale.en === undefined || byLocale.ru === undefined) throw new Error('the store misses a translation of a layout text: rebuild it')
  return byLocale as Localised
}

/**
 * Reads every layout whole. Layouts are few and immutable for a release, so the server loads them
 * once at start-up and answers from memory.
 */
export function readAllLayouts (db: Database): LayoutContent[] {
  const layouts = db.prepare(`SELECT id, position, qubes_release AS qubesRelease, reviewed_at AS reviewedAt, main_qube AS mainQube
    FROM layout ORDER BY position`).all() as LayoutRow[]
  const texts = db.prepare('SELECT locale, title, summary FROM layout_text WHERE layout_id = ?')
  const notes = db.prepare('SELECT position, locale, text FROM layout_note WHERE layout_id = ? ORDER BY position, locale')
  const threats = db.prepare('SELECT threat FROM layout_threat WHERE layout_id = ? ORDER BY position')
  const topics = db.prepare('SELECT topic_slug AS slug FROM layout_topic WHERE layout_id = ? ORDER BY position')
  const sources = db.prepare('SELECT url, title FROM layout_source WHERE layout_id = ? ORDER BY position')
  const qubes = db.prepare(`SELECT layout_id AS layoutId, name, class, template, label, provides_network AS providesNetwork, netvm,
      disposable_template AS disposableTemplate, preinstalled, role, default_dispvm AS defaultDispvm,
      services_json AS servicesJson, features_json AS featuresJson, tags_json AS tagsJson
    FROM layout_qube WHERE layout_id = ? ORDER BY position`)
  const purposes = db.prepare('SELECT locale, purpose AS text FROM layout_qube_text WHERE layout_id = ? AND qube_name = ?')

  return layouts.map((layout) => {
    const textRows = texts.all(layout.id) as Array<{ locale: Locale, title: string, summary: string }>
    const noteRows = notes.all(layout.id) as Array<{ position: number, locale: Locale, text: string }>
    const notePositions = [...new Set(noteRows.map((row) => row.position))]
    return {
      ...layout,
      threats: (threats.all(layout.id) as Array<{ threat: ThreatId }>).map((row) => row.threat),
      relatedTopics: (topics.all(layout.id) as Array<{ slug: string }>).map((row) => row.slug),
      title: localised(textRows.map((row) => ({ locale: row.locale, text: row.title }))),
      summary: localised(textRows.map((row) => ({ locale: row.locale, text: row.summary }))),
      notes: notePositions.map((position) => localised(noteRows.filter((row) => row.position === position))),
      sources: sources.all(layout.id) as Array<{ url: string, title: string }>,
      qubes: (qubes.all(layout.id) as QubeRow[]).map((row): LayoutQube => ({
        name: row.name,
        class: row.class,
        template: row.template,
        label: row.label,
        providesNetwork: row.providesNetwork === 1,
        netvm: row.netvm,
        disposableTemplate: row.disposableTemplate === 1,
        preinstalled: row.preinstalled === 1,
        role: row.role,
        defaultDispvm: row.defaultDispvm,
        services: JSON.parse(row.servicesJson) as string[],
        features: JSON.parse(row.featuresJson) as Record<string, string>,
        tags: JSON.parse(row.tagsJson) as string[],
        purpose: localised(purposes.all(layout.id, row.name) as Array<{ locale: Locale, text: string }>)
      }))
    }
  })
}

/**
 * Every layout's SVG diagram in every language, by diagramKey. A store without one of them cannot
 * answer that export, so it is refused at start-up rather than on the request.
 */
export function readLayoutDiagrams (db: Database, layouts: readonly LayoutContent[]): Map<string, string> {
  const rows = db.prepare('SELECT layout_id AS layoutId, locale, svg FROM layout_diagram').all() as Array<{ layoutId: string, locale: Locale, svg: string }>
  const diagrams = new Map(rows.map((row) => [diagramKey(row.layoutId, row.locale), row.svg]))
  for (const layout of layouts) {
    for (const locale of LOCALES) {
      if (!diagrams.has(diagramKey(layout.id, locale))) throw new Error(`the store misses the ${locale} diagram of the layout ${layout.id}: rebuild it`)
    }
  }
  return diagrams
}
