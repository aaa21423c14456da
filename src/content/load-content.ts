import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Value from 'typebox/value'
import { ContentValidationError, schemaIssues } from './content-issue.js'
import { ContentReader, readYaml } from './content-reader.js'
import { type LayoutContent, loadLayouts } from './load-layouts.js'
import { loadThreatModels, type ThreatModelContent } from './load-threat-models.js'
import { splitFrontMatter } from './front-matter.js'
import { LIMITS } from './limits.js'
import { LOCALES, type Locale } from './locales.js'
import { renderMarkdown, type Section } from './markdown.js'
import { SLUG_PATTERN, TopicMetaFile, TopicTextFrontMatter } from './schemas.js'

export interface Source {
  url: string
  title: string
}

export interface Correction {
  claim: Record<Locale, string>
  correction: Record<Locale, string>
  source: Source
}

export interface TopicText {
  title: string
  summary: string
  bodyMarkdown: string
  bodyHtml: string
  sections: Section[]
}

export interface TopicContent {
  slug: string
  position: number
  status: 'current' | 'superseded'
  supersededBy: string | null
  qubesRelease: string
  reviewedAt: string
  seedSection: string | null
  tags: string[]
  related: string[]
  sources: Source[]
  corrections: Correction[]
  texts: Record<Locale, TopicText>
}

export interface GuideContent {
  topics: TopicContent[]
  layouts: LayoutContent[]
  threatModels: ThreatModelContent
  /** sha256 over every file read, in path order: the identity of this content. */
  contentHash: string
}

const TOPIC_FILES = new Set(['topic.yaml', ...LOCALES.map((locale) => `${locale}.md`)])
const slugPattern = new RegExp(SLUG_PATTERN)

function readTopicText (reader: ContentReader, path: string): TopicText | undefined {
  const file = reader.display(path)
  let document
  try {
    document = splitFrontMatter(reader.read(path))
  } catch (error) {
    reader.issues.push({ file, field: '(front matter)', message: (error as Error).message.split('\n')[0] ?? 'cannot be read' })
    return undefined
  }
  const frontMatterIssues = schemaIssues(file, TopicTextFrontMatter, document.data ?? {})
  reader.issues.push(...frontMatterIssues)
  const bodyMarkdown = document.body.trim()
  if (bodyMarkdown === '') {
    reader.issues.push({ file, field: 'body', message: 'is empty' })
  }
  const rendered = renderMarkdown(bodyMarkdown)
  for (const problem of rendered.problems) reader.issues.push({ file, field: 'body', message: problem })
  if (bodyMarkdown.length > LIMITS.body) {
    reader.issues.push({ file, field: 'body', message: `is ${bodyMarkdown.length} characters long; at most ${LIMITS.body} are allowed` })
  } else if (rendered.html.length > LIMITS.bodyHtml) {
    reader.issues.push({ file, field: 'body', message: `is ${rendered.html.length} characters long as HTML; at most ${LIMITS.bodyHtml} are allowed` })
  }
  if (rendered.sections.length > LIMITS.list) {
    reader.issues.push({ file, field: 'body', message: `has ${rendered.sections.length} sections; at most ${LIMITS.list} are allowed` })
  }
  if (frontMatterIssues.length > 0) return undefined
  const frontMatter = document.data as TopicTextFrontMatter
  return {
    title: frontMatter.title.trim(),
    summary: frontMatter.summary.trim(),
    bodyMarkdown,
    bodyHtml: rendered.html,
    sections: rendered.sections
  }
}

function readTopic (reader: ContentReader, folder: string, slug: string): TopicContent | undefined {
  const names = readdirSync(folder).sort()
  for (const name of names) {
    if (!TOPIC_FILES.has(name)) {
      reader.issues.push({ file: reader.display(join(folder, name)), field: '(file)', message: `is not expected here; a topic folder holds ${[...TOPIC_FILES].join(', ')}` })
    }
  }
  for (const name of TOPIC_FILES) {
    if (!names.includes(name)) {
      reader.issues.push({ file: reader.display(join(folder, name)), field: '(file)', message: 'is missing' })
    }
  }
  const metaPath = join(folder, 'topic.yaml')
  const meta = names.includes('topic.yaml') ? readYaml(reader, metaPath) : undefined
  const metaIssues = meta === undefined ? [] : schemaIssues(reader.display(metaPath), TopicMetaFile, meta)
  reader.issues.push(...metaIssues)

  const texts: Partial<Record<Locale, TopicText>> = {}
  for (const locale of LOCALES) {
    if (names.includes(`${locale}.md`)) texts[locale] = readTopicText(reader, join(folder, `${locale}.md`))
  }
  if (meta === undefined || metaIssues.length > 0 || LOCALES.some((locale) => texts[locale] === undefined)) return undefined
  if (!Value.Check(TopicMetaFile, meta)) return undefined
  return {
    slug,
    position: meta.order,
    status: meta.status ?? 'current',
    supersededBy: meta.supersededBy ?? null,
    qubesRelease: meta.qubesRelease,
    reviewedAt: meta.reviewedAt,
    seedSection: meta.seedSection ?? null,
    tags: meta.tags,
    related: meta.related ?? [],
    sources: meta.sources,
    corrections: meta.corrections ?? [],
    texts: texts as Record<Locale, TopicText>
  }
}

/** Checks what no single file can: references between topics, unique positions, matching anchors. */
function crossTopicIssues (reader: ContentReader, topicsDir: string, topics: TopicContent[], slugs: Set<string>): void {
  const positions = new Map<number, string>()
  for (const topic of topics) {
    const metaFile = reader.display(join(topicsDir, topic.slug, 'topic.yaml'))
    const other = positions.get(topic.position)
    if (other !== undefined) {
      reader.issues.push({ file: metaFile, field: 'order', message: `${topic.position} is already used by topic "${other}"` })
    }
    positions.set(topic.position, topic.slug)
    topic.related.forEach((related, index) => {
      if (related === topic.slug) {
        reader.issues.push({ file: metaFile, field: `related[${index}]`, message: 'a topic cannot be related to itself' })
      } else if (!slugs.has(related)) {
        reader.issues.push({ file: metaFile, field: `related[${index}]`, message: `unknown topic slug "${related}"` })
      }
    })
    if (topic.status === 'superseded' && topic.supersededBy === null) {
      reader.issues.push({ file: metaFile, field: 'supersededBy', message: 'is required when status is superseded' })
    }
    if (topic.status !== 'superseded' && topic.supersededBy !== null) {
      reader.issues.push({ file: metaFile, field: 'supersededBy', message: 'is only allowed when status is superseded' })
    }
    if (topic.supersededBy !== null && !slugs.has(topic.supersededBy)) {
      reader.issues.push({ file: metaFile, field: 'supersededBy', message: `unknown topic slug "${topic.supersededBy}"` })
    }
    const englishAnchors = topic.texts.en.sections.map((section) => section.anchor).join(', ')
    for (const locale of LOCALES) {
      const anchors = topic.texts[locale].sections.map((section) => section.anchor).join(', ')
      if (anchors !== englishAnchors) {
        reader.issues.push({
          file: reader.display(join(topicsDir, topic.slug, `${locale}.md`)),
          field: 'body',
          message: `section anchors [${anchors}] differ from en.md [${englishAnchors}]`
        })
      }
    }
  }
}

/**
 * Reads and validates everything under dataDir. Throws ContentValidationError listing every
 * problem found (not just the first), so an editor can fix them all in one go.
 */
export function loadContent (dataDir: string, displayRoot = process.cwd()): GuideContent {
  const reader = new ContentReader(displayRoot, dataDir)
  const topicsDir = join(dataDir, 'topics')
  let entries: string[]
  try {
    entries = readdirSync(topicsDir).sort()
  } catch {
    throw new ContentValidationError([{ file: reader.display(topicsDir), field: '(folder)', message: 'does not exist or cannot be read' }])
  }
  const topics: TopicContent[] = []
  // Every well-named folder is a known slug, even one with errors of its own, so that one broken
  // topic is reported once instead of once more in every topic that links to it.
  const slugs = new Set<string>()
  for (const entry of entries) {
    const folder = join(topicsDir, entry)
    if (!statSync(folder).isDirectory()) {
      reader.issues.push({ file: reader.display(folder), field: '(file)', message: 'is not expected here; every topic is a folder named by its slug' })
      continue
    }
    if (!slugPattern.test(entry)) {
      reader.issues.push({ file: reader.display(folder), field: 'slug', message: `folder name "${entry}" is not a valid slug (lowercase ASCII kebab-case)` })
      continue
    }
    if (entry.length > LIMITS.id) {
      reader.issues.push({ file: reader.display(folder), field: 'slug', message: `folder name "${entry}" is longer than ${LIMITS.id} characters` })
      continue
    }
    slugs.add(entry)
    const topic = readTopic(reader, folder, entry)
    if (topic !== undefined) topics.push(topic)
  }
  if (entries.length === 0) {
    reader.issues.push({ file: reader.display(topicsDir), field: '(folder)', message: 'holds no topics' })
  }
  if (slugs.size > LIMITS.collection) {
    reader.issues.push({ file: reader.display(topicsDir), field: '(folder)', message: `holds ${slugs.size} topics; at most ${LIMITS.collection} are allowed` })
  }
  crossTopicIssues(reader, topicsDir, topics, slugs)
  const layouts = loadLayouts(reader, dataDir, slugs)
  const threatModels = loadThreatModels(reader, dataDir, slugs, layouts)
  if (reader.issues.length > 0) throw new ContentValidationError(reader.issues)
  topics.sort((a, b) => a.position - b.position)
  return { topics, layouts, threatModels, contentHash: reader.digest() }
}
