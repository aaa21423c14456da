import type { GuideContent } from '../content/load-content.js'
import { LOCALES, type Locale } from '../content/locales.js'

export type PassageType = 'topic' | 'practice' | 'layout' | 'threat'

/** One citable piece of the guide: a topic section, a practice, a layout or a threat, in one language. */
export interface Passage {
  id: string
  type: PassageType
  locale: Locale
  /** From the document to the section, e.g. ["File exchange", "Copying files"]. */
  titlePath: string[]
  text: string
  /** Where the API serves it; topic sections carry their anchor. */
  apiUrl: string
  /** The public page its facts come from, with an anchor where one is known. */
  sourceUrl: string
  /** The document it belongs to: a topic slug, practice, layout or threat id. */
  documentId: string
}

const PRIVACY_GUIDES_OVERVIEW = 'https://www.privacyguides.org/en/os/qubes-overview/'

/** Markdown to plain text: enough for indexing and for quoting to a model, not for display. */
export function plainText (markdown: string): string {
  return markdown
    .replace(/```[a-z]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\{#[a-z0-9-]+\}/g, '')
    .replace(/[*_`>#|]/g, ' ')
    .replace(/-{3,}/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

/** Splits a topic body at its headings: the opening text, then one part per ## or ### section. */
function topicSections (body: string): Array<{ anchor: string | null, title: string | null, markdown: string }> {
  const parts: Array<{ anchor: string | null, title: string | null, markdown: string }> = [{ anchor: null, title: null, markdown: '' }]
  for (const line of body.split('\n')) {
    const heading = /^#{2,3}\s+(.*?)\s*\{#([a-z0-9-]+)\}\s*$/.exec(line)
    if (heading !== null) parts.push({ anchor: heading[2] ?? null, title: heading[1] ?? null, markdown: '' })
    else (parts.at(-1) as { markdown: string }).markdown += `${line}\n`
  }
  return parts.filter((part) => part.markdown.trim() !== '' || part.anchor !== null)
}

/** Every passage of the guide, in both languages; ids are stable across releases while anchors and ids are. */
export function buildPassages (content: GuideContent): Passage[] {
  const passages: Passage[] = []
  for (const locale of LOCALES) {
    for (const topic of content.topics) {
      const text = topic.texts[locale]
      const seedUrl = topic.seedSection === null ? undefined : `${PRIVACY_GUIDES_OVERVIEW}#${topic.seedSection}`
      const sourceUrl = seedUrl ?? topic.sources[0]?.url ?? ''
      for (const section of topicSections(text.bodyMarkdown)) {
        passages.push({
          id: section.anchor === null ? `topic:${topic.slug}` : `topic:${topic.slug}#${section.anchor}`,
          type: 'topic',
          locale,
          titlePath: section.title === null ? [text.title] : [text.title, section.title],
          text: plainText(section.anchor === null ? `${text.summary}\n${section.markdown}` : section.markdown),
          apiUrl: section.anchor === null ? `/v1/topics/${topic.slug}` : `/v1/topics/${topic.slug}#${section.anchor}`,
          sourceUrl,
          documentId: topic.slug
        })
      }
    }
    const { practices, threats } = content.threatModels
    for (const practice of practices) {
      passages.push({
        id: `practice:${practice.id}`,
        type: 'practice',
        locale,
        titlePath: [practice.title[locale]],
        text: [practice.summary[locale], practice.why[locale],
          ...practice.steps.map((step) => `${step.text[locale]}${step.command === undefined ? '' : ` ${step.command}`}`),
          ...practice.mitigates.map((mitigation) => mitigation.how[locale]),
          ...practice.residualRisks.map((risk) => risk[locale])].join('\n'),
        apiUrl: `/v1/practices/${practice.id}`,
        sourceUrl: practice.sources[0]?.url ?? '',
        documentId: practice.id
      })
    }
    for (const layout of content.layouts) {
      passages.push({
        id: `layout:${layout.id}`,
        type: 'layout',
        locale,
        titlePath: [layout.title[locale]],
        text: [layout.summary[locale], ...layout.notes.map((note) => note[locale]),
          ...layout.qubes.map((qube) => `${qube.name}: ${qube.purpose[locale]}`)].join('\n'),
        apiUrl: `/v1/layouts/${layout.id}`,
        sourceUrl: layout.sources[0]?.url ?? '',
        documentId: layout.id
      })
    }
    for (const threat of threats) {
      passages.push({
        id: `threat:${threat.id}`,
        type: 'threat',
        locale,
        titlePath: [threat.name[locale]],
        text: [threat.summary[locale], threat.inQubes[locale], threat.coverage[locale]].join('\n'),
        apiUrl: `/v1/threats/${threat.id}`,
        sourceUrl: threat.sources[0]?.url ?? '',
        documentId: threat.id
      })
    }
  }
  return passages
}
