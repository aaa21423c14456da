import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import Value from 'typebox/value'
import { checkLayout, type Finding } from '../domain/layouts/check/index.js'
import type { LayoutGraph, Qube } from '../domain/layouts/model.js'
import { schemaIssues } from './content-issue.js'
import type { ContentReader } from './content-reader.js'
import { readYaml } from './content-reader.js'
import { LayoutFile } from './layout-schema.js'
import { LIMITS } from './limits.js'
import type { Locale } from './locales.js'
import type { Source } from './load-content.js'
import type { ThreatId } from './threats.js'

export type Localised = Record<Locale, string>

export interface LayoutQube extends Qube {
  purpose: Localised
}

export interface LayoutContent {
  id: string
  position: number
  qubesRelease: string
  reviewedAt: string
  mainQube: string
  threats: ThreatId[]
  relatedTopics: string[]
  title: Localised
  summary: Localised
  notes: Localised[]
  sources: Source[]
  qubes: LayoutQube[]
}

const LAYOUT_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/

export function layoutGraph (layout: Pick<LayoutContent, 'id' | 'mainQube' | 'qubes'>): LayoutGraph {
  return { id: layout.id, mainQube: layout.mainQube, qubes: layout.qubes }
}

/** The field of the layout file a finding is about, for `file: field: message`. */
function findingField (finding: Finding, qubes: Qube[]): string {
  if (finding.code === 'unknown-main-qube') return 'mainQube'
  const index = qubes.findIndex((qube) => qube.name === finding.qube)
  const prefix = index < 0 ? 'qubes' : `qubes[${index}]`
  const field = {
    'duplicate-qube-name': 'name',
    'invalid-qube-name': 'name',
    'invalid-label': 'label',
    'template-has-template': 'template',
    'missing-template': 'template',
    'template-not-in-layout': 'template',
    'template-not-template': 'template',
    'dispvm-template-not-disposable-template': 'template',
    'disposable-template-wrong-class': 'disposableTemplate',
    'default-dispvm-not-disposable-template': 'defaultDispvm'
  }[finding.code] ?? 'netvm'
  return `${prefix}.${field}`
}

function toLayout (id: string, file: LayoutFile): LayoutContent {
  return {
    id,
    position: file.order,
    qubesRelease: file.qubesRelease,
    reviewedAt: file.reviewedAt,
    mainQube: file.mainQube,
    threats: file.threats,
    relatedTopics: file.relatedTopics,
    title: file.title,
    summary: file.summary,
    notes: file.notes ?? [],
    sources: file.sources,
    qubes: file.qubes.map((qube) => ({
      name: qube.name,
      class: qube.class,
      template: qube.template ?? null,
      label: qube.label,
      providesNetwork: qube.providesNetwork,
      netvm: qube.netvm,
      disposableTemplate: qube.disposableTemplate ?? false,
      preinstalled: qube.preinstalled,
      role: qube.role,
      defaultDispvm: qube.defaultDispvm ?? null,
      services: qube.services ?? [],
      features: qube.features ?? {},
      tags: qube.tags ?? [],
      purpose: qube.purpose
    }))
  }
}

/**
 * Reads data/layouts/*.yaml. Besides the schema, every layout must pass the layout checker with
 * no errors and no warnings: what we recommend must be what we would accept from anyone else.
 */
export function loadLayouts (reader: ContentReader, dataDir: string, topicSlugs: Set<string>): LayoutContent[] {
  const folder = join(dataDir, 'layouts')
  let names: string[]
  try {
    names = readdirSync(folder).sort()
  } catch {
    return []
  }
  const layouts: LayoutContent[] = []
  const positions = new Map<number, string>()
  for (const name of names) {
    const path = join(folder, name)
    const file = reader.display(path)
    const match = LAYOUT_FILE.exec(name)
    if (match === null) {
      reader.issues.push({ file, field: '(file)', message: 'is not expected here; a layout is <id>.yaml with a lowercase kebab-case id' })
      continue
    }
    if ((match[1] ?? name).length > LIMITS.id) {
      reader.issues.push({ file, field: '(file)', message: `the id in the file name is longer than ${LIMITS.id} characters` })
      continue
    }
    const data = readYaml(reader, path)
    if (data === undefined) continue
    const issues = schemaIssues(file, LayoutFile, data)
    reader.issues.push(...issues)
    if (issues.length > 0 || !Value.Check(LayoutFile, data)) continue
    const layout = toLayout(match[1] ?? name, data)
    const other = positions.get(layout.position)
    if (other !== undefined) reader.issues.push({ file, field: 'order', message: `${layout.position} is already used by layout "${other}"` })
    positions.set(layout.position, layout.id)
    layout.relatedTopics.forEach((slug, index) => {
      if (!topicSlugs.has(slug)) reader.issues.push({ file, field: `relatedTopics[${index}]`, message: `unknown topic slug "${slug}"` })
    })
    for (const finding of checkLayout(layoutGraph(layout))) {
      reader.issues.push({ file, field: findingField(finding, layout.qubes), message: `${finding.code}: ${finding.message.en}` })
    }
    layouts.push(layout)
  }
  if (layouts.length > LIMITS.collection) {
    reader.issues.push({ file: reader.display(folder), field: '(folder)', message: `holds ${layouts.length} layouts; at most ${LIMITS.collection} are allowed` })
  }
  return layouts.sort((a, b) => a.position - b.position)
}
