import type { Database } from 'better-sqlite3'
import type { LayoutContent } from '../content/load-layouts.js'
import { LOCALES } from '../content/locales.js'
import type { LayoutDiagram } from '../domain/layouts/catalogue.js'

/**
 * Writes validated layouts and their rendered diagrams; runs inside the build's transaction, after
 * the topics they link to.
 */
export function writeLayouts (db: Database, layouts: LayoutContent[], diagrams: readonly LayoutDiagram[]): void {
  const insertLayout = db.prepare(`INSERT INTO layout (id, position, qubes_release, reviewed_at, main_qube)
    VALUES (@id, @position, @qubesRelease, @reviewedAt, @mainQube)`)
  const insertText = db.prepare('INSERT INTO layout_text (layout_id, locale, title, summary) VALUES (?, ?, ?, ?)')
  const insertNote = db.prepare('INSERT INTO layout_note (layout_id, position, locale, text) VALUES (?, ?, ?, ?)')
  const insertThreat = db.prepare('INSERT INTO layout_threat (layout_id, position, threat) VALUES (?, ?, ?)')
  const insertTopic = db.prepare('INSERT INTO layout_topic (layout_id, position, topic_slug) VALUES (?, ?, ?)')
  const insertSource = db.prepare('INSERT INTO layout_source (layout_id, position, url, title) VALUES (?, ?, ?, ?)')
  const insertQube = db.prepare(`INSERT INTO layout_qube (layout_id, position, name, class, template, label, provides_network,
      netvm, disposable_template, preinstalled, role, default_dispvm, services_json, features_json, tags_json)
    VALUES (@layoutId, @position, @name, @class, @template, @label, @providesNetwork, @netvm, @disposableTemplate,
      @preinstalled, @role, @defaultDispvm, @servicesJson, @featuresJson, @tagsJson)`)
  const insertQubeText = db.prepare('INSERT INTO layout_qube_text (layout_id, qube_name, locale, purpose) VALUES (?, ?, ?, ?)')
  const insertDiagram = db.prepare('INSERT INTO layout_diagram (layout_id, locale, svg) VALUES (@layoutId, @locale, @svg)')

  for (const layout of layouts) {
    insertLayout.run(layout)
    for (const locale of LOCALES) {
      insertText.run(layout.id, locale, layout.title[locale], layout.summary[locale])
      layout.notes.forEach((note, index) => insertNote.run(layout.id, index, locale, note[locale]))
    }
    layout.threats.forEach((threat, index) => insertThreat.run(layout.id, index, threat))
    layout.relatedTopics.forEach((slug, index) => insertTopic.run(layout.id, index, slug))
    layout.sources.forEach((source, index) => insertSource.run(layout.id, index, source.url, source.title))
    layout.qubes.forEach((qube, index) => {
      insertQube.run({
        layoutId: layout.id,
        position: index,
        name: qube.name,
        class: qube.class,
        template: qube.template,
        label: qube.label,
        providesNetwork: qube.providesNetwork ? 1 : 0,
        netvm: qube.netvm,
        disposableTemplate: qube.disposableTemplate ? 1 : 0,
        preinstalled: qube.preinstalled ? 1 : 0,
        role: qube.role,
        defaultDispvm: qube.defaultDispvm,
        servicesJson: JSON.stringify(qube.services),
        featuresJson: JSON.stringify(qube.features),
        tagsJson: JSON.stringify(qube.tags)
      })
      for (const locale of LOCALES) insertQubeText.run(layout.id, qube.name, locale, qube.purpose[locale])
    })
  }
  for (const diagram of diagrams) insertDiagram.run(diagram)
}
