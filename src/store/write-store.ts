import type { Database } from 'better-sqlite3'
import type { GuideContent } from '../content/load-content.js'
import { LOCALES } from '../content/locales.js'
import { writeLayouts } from './write-layouts.js'
import { writeThreatModels } from './write-threat-models.js'
import { writePassages } from './write-passages.js'
import { buildPassages } from '../search/passages.js'
import type { LayoutDiagram } from '../domain/layouts/catalogue.js'

export interface ContentRelease {
  version: string
  contentHash: string
  builtAt: string
}

/** A release names itself after its newest review date and its content hash, so equal content gives equal versions. */
export function releaseFor (content: GuideContent, builtAt: Date): ContentRelease {
  const newestReview = content.topics.map((topic) => topic.reviewedAt).sort().at(-1) ?? '0000-00-00'
  return {
    version: `${newestReview}.${content.contentHash.slice(0, 8)}`,
    contentHash: content.contentHash,
    builtAt: builtAt.toISOString()
  }
}

/** Writes validated content, and the diagrams rendered from it, into a migrated, empty store, in one transaction. */
export function writeContent (db: Database, content: GuideContent, release: ContentRelease, diagrams: readonly LayoutDiagram[]): void {
  const insertRelease = db.prepare('INSERT INTO content_release (id, version, content_hash, built_at) VALUES (1, ?, ?, ?)')
  const insertTopic = db.prepare(`INSERT INTO topic (slug, position, status, superseded_by, qubes_release, reviewed_at, seed_section)
    VALUES (@slug, @position, @status, @supersededBy, @qubesRelease, @reviewedAt, @seedSection)`)
  const insertText = db.prepare(`INSERT INTO topic_text (slug, locale, title, summary, body_markdown, body_html)
    VALUES (?, ?, ?, ?, ?, ?)`)
  const insertSection = db.prepare('INSERT INTO topic_section (slug, locale, position, anchor, level, title) VALUES (?, ?, ?, ?, ?, ?)')
  const insertTag = db.prepare('INSERT INTO topic_tag (slug, tag) VALUES (?, ?)')
  const insertRelated = db.prepare('INSERT INTO topic_related (slug, position, related_slug) VALUES (?, ?, ?)')
  const insertSource = db.prepare('INSERT INTO topic_source (slug, position, url, title) VALUES (?, ?, ?, ?)')
  const insertCorrection = db.prepare(`INSERT INTO topic_correction (slug, position, locale, claim, correction, source_url, source_title)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)

  db.transaction(() => {
    insertRelease.run(release.version, release.contentHash, release.builtAt)
    // Topics first, links second: superseded_by and related_slug reference other topics.
    for (const topic of content.topics) {
      insertTopic.run({ ...topic, supersededBy: null })
    }
    const setSupersededBy = db.prepare('UPDATE topic SET superseded_by = ? WHERE slug = ?')
    for (const topic of content.topics) {
      if (topic.supersededBy !== null) setSupersededBy.run(topic.supersededBy, topic.slug)
      for (const locale of LOCALES) {
        const text = topic.texts[locale]
        insertText.run(topic.slug, locale, text.title, text.summary, text.bodyMarkdown, text.bodyHtml)
        text.sections.forEach((section, index) => {
          insertSection.run(topic.slug, locale, index, section.anchor, section.level, section.title)
        })
      }
      for (const tag of topic.tags) insertTag.run(topic.slug, tag)
      topic.related.forEach((related, index) => insertRelated.run(topic.slug, index, related))
      topic.sources.forEach((source, index) => insertSource.run(topic.slug, index, source.url, source.title))
      topic.corrections.forEach((correction, index) => {
        for (const locale of LOCALES) {
          insertCorrection.run(topic.slug, index, locale, correction.claim[locale], correction.correction[locale],
            correction.source.url, correction.source.title)
        }
      })
    }
    writeLayouts(db, content.layouts, diagrams)
    writeThreatModels(db, content.threatModels)
    writePassages(db, buildPassages(content))
  })()
}
