import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Value from 'typebox/value'
import type { TSchema } from 'typebox'
import { schemaIssues } from './content-issue.js'
import { type ContentReader, readYaml } from './content-reader.js'
import { LIMITS } from './limits.js'
import type { LayoutContent } from './load-layouts.js'
import { ActivitiesFile, type Condition, PracticeFile, QuestionsFile, RulesFile, ThreatsFile } from './threat-model-schema.js'
import { THREAT_IDS } from './threats.js'

export type Threat = ThreatsFile[number]
export type Activity = ActivitiesFile[number]
export type Question = QuestionsFile[number]
export interface Practice extends PracticeFile {
  id: string
}
export type Rules = RulesFile

export interface ThreatModelContent {
  threats: Threat[]
  activities: Activity[]
  questions: Question[]
  practices: Practice[]
  rules: Rules
}

const PRACTICE_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/

function readValidated<T> (reader: ContentReader, path: string, schema: TSchema): T | undefined {
  const file = reader.display(path)
  if (!existsSync(path)) {
    reader.issues.push({ file, field: '(file)', message: 'is missing' })
    return undefined
  }
  const data = readYaml(reader, path)
  if (data === undefined) return undefined
  const issues = schemaIssues(file, schema, data)
  reader.issues.push(...issues)
  return issues.length === 0 && Value.Check(schema, data) ? data as T : undefined
}

function checkUnique (reader: ContentReader, file: string, items: Array<{ id: string, order?: number }>, kind: string): void {
  const ids = new Set<string>()
  const orders = new Map<number, string>()
  items.forEach((item, index) => {
    if (ids.has(item.id)) reader.issues.push({ file, field: `[${index}].id`, message: `${kind} "${item.id}" is defined twice` })
    ids.add(item.id)
    if (item.order !== undefined) {
      const other = orders.get(item.order)
      if (other !== undefined) reader.issues.push({ file, field: `[${index}].order`, message: `${item.order} is already used by ${kind} "${other}"` })
      orders.set(item.order, item.id)
    }
  })
}

function checkCondition (reader: ContentReader, file: string, field: string, condition: Condition, activityIds: Set<string>): void {
  condition.activities?.forEach((activity, index) => {
    if (!activityIds.has(activity)) reader.issues.push({ file, field: `${field}.activities[${index}]`, message: `unknown activity "${activity}"` })
  })
  if (condition.always !== true && condition.threats === undefined && condition.activities === undefined && condition.constraints === undefined) {
    reader.issues.push({ file, field, message: 'matches nothing: give always: true, threats, activities or constraints' })
  }
}

function readPractices (reader: ContentReader, folder: string): Practice[] {
  if (!existsSync(folder)) {
    reader.issues.push({ file: reader.display(folder), field: '(folder)', message: 'is missing' })
    return []
  }
  const practices: Practice[] = []
  for (const name of readdirSync(folder).sort()) {
    const match = PRACTICE_FILE.exec(name)
    if (match === null) {
      reader.issues.push({ file: reader.display(join(folder, name)), field: '(file)', message: 'is not expected here; a practice is <id>.yaml with a lowercase kebab-case id' })
      continue
    }
    if ((match[1] ?? name).length > LIMITS.id) {
      reader.issues.push({ file: reader.display(join(folder, name)), field: '(file)', message: `the id in the file name is longer than ${LIMITS.id} characters` })
      continue
    }
    const practice = readValidated<PracticeFile>(reader, join(folder, name), PracticeFile)
    if (practice !== undefined) practices.push({ id: match[1] ?? name, ...practice })
  }
  if (practices.length > LIMITS.collection) {
    reader.issues.push({ file: reader.display(folder), field: '(folder)', message: `holds ${practices.length} practices; at most ${LIMITS.collection} are allowed` })
  }
  return practices.sort((a, b) => a.order - b.order)
}

/**
 * Reads threats, activities, questions, practices and rules, and checks every reference between
 * them and to topics and layouts. Problems go to the reader; the caller throws them together.
 */
export function loadThreatModels (reader: ContentReader, dataDir: string, topicSlugs: Set<string>, layouts: LayoutContent[]): ThreatModelContent {
  const threats = readValidated<ThreatsFile>(reader, join(dataDir, 'threats.yaml'), ThreatsFile) ?? []
  const activities = readValidated<ActivitiesFile>(reader, join(dataDir, 'activities.yaml'), ActivitiesFile) ?? []
  const questions = readValidated<QuestionsFile>(reader, join(dataDir, 'questions.yaml'), QuestionsFile) ?? []
  const practices = readPractices(reader, join(dataDir, 'practices'))
  const rulesPath = join(dataDir, 'rules.yaml')
  const rules = readValidated<RulesFile>(reader, rulesPath, RulesFile)

  const threatsFile = reader.display(join(dataDir, 'threats.yaml'))
  checkUnique(reader, threatsFile, threats, 'threat')
  if (threats.length > 0) {
    for (const id of THREAT_IDS) {
      if (!threats.some((threat) => threat.id === id)) reader.issues.push({ file: threatsFile, field: '(file)', message: `threat "${id}" is missing` })
    }
  }
  checkUnique(reader, reader.display(join(dataDir, 'activities.yaml')), activities, 'activity')
  checkUnique(reader, reader.display(join(dataDir, 'questions.yaml')), questions, 'question')

  const activityIds = new Set(activities.map((activity) => activity.id))
  const layoutIds = new Set(layouts.map((layout) => layout.id))
  const practiceIds = new Set(practices.map((practice) => practice.id))
  const practiceOrders = new Map<number, string>()
  for (const practice of practices) {
    const file = reader.display(join(dataDir, 'practices', `${practice.id}.yaml`))
    const other = practiceOrders.get(practice.order)
    if (other !== undefined) reader.issues.push({ file, field: 'order', message: `${practice.order} is already used by practice "${other}"` })
    practiceOrders.set(practice.order, practice.id)
    practice.activities.forEach((activity, index) => {
      if (!activityIds.has(activity)) reader.issues.push({ file, field: `activities[${index}]`, message: `unknown activity "${activity}"` })
    })
    practice.relatedTopics.forEach((slug, index) => {
      if (!topicSlugs.has(slug)) reader.issues.push({ file, field: `relatedTopics[${index}]`, message: `unknown topic slug "${slug}"` })
    })
    practice.relatedLayouts.forEach((id, index) => {
      if (!layoutIds.has(id)) reader.issues.push({ file, field: `relatedLayouts[${index}]`, message: `unknown layout "${id}"` })
    })
  }

  if (rules !== undefined) {
    const file = reader.display(rulesPath)
    if (!layoutIds.has(rules.defaultLayout)) reader.issues.push({ file, field: 'defaultLayout', message: `unknown layout "${rules.defaultLayout}"` })
    const ruleIds = new Set<string>()
    const seen = (field: string, id: string): void => {
      if (ruleIds.has(id)) reader.issues.push({ file, field, message: `rule id "${id}" is used twice` })
      ruleIds.add(id)
    }
    rules.practiceRules.forEach((rule, index) => {
      seen(`practiceRules[${index}].id`, rule.id)
      checkCondition(reader, file, `practiceRules[${index}].when`, rule.when, activityIds)
      for (const practice of Object.keys(rule.raise)) {
        if (!practiceIds.has(practice)) reader.issues.push({ file, field: `practiceRules[${index}].raise.${practice}`, message: `unknown practice "${practice}"` })
      }
    })
    rules.layoutRules.forEach((rule, index) => {
      seen(`layoutRules[${index}].id`, rule.id)
      checkCondition(reader, file, `layoutRules[${index}].when`, rule.when, activityIds)
      if (!layoutIds.has(rule.layout)) reader.issues.push({ file, field: `layoutRules[${index}].layout`, message: `unknown layout "${rule.layout}"` })
    })
    rules.warnings.forEach((rule, index) => {
      seen(`warnings[${index}].id`, rule.id)
      checkCondition(reader, file, `warnings[${index}].when`, rule.when, activityIds)
    })
  }
  return {
    threats: [...threats].sort((a, b) => a.order - b.order),
    activities: [...activities].sort((a, b) => a.order - b.order),
    questions: [...questions].sort((a, b) => a.order - b.order),
    practices,
    rules: rules ?? { linkWeights: { threat: 0, activity: 0 }, defaultLayout: '', practiceRules: [], layoutRules: [], warnings: [] }
  }
}
