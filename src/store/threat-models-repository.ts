import type { Database, Statement } from 'better-sqlite3'
import type { Rules, ThreatModelContent } from '../content/load-threat-models.js'

interface Row { id: string, position: number }
const parse = <T>(text: string): T => JSON.parse(text) as T

/**
 * Threat-model content. Everything is read whole once at start-up (the engine needs all of it);
 * filtering practices by threat or activity is a query, so a filter follows the indexes.
 */
export class ThreatModelsRepository {
  private readonly practicesByThreat: Statement<[string], { id: string }>
  private readonly practicesByActivity: Statement<[string], { id: string }>

  constructor (private readonly db: Database) {
    this.practicesByThreat = db.prepare(`SELECT p.id FROM practice p JOIN practice_threat t ON t.practice_id = p.id
      WHERE t.threat_id = ? ORDER BY p.position`)
    this.practicesByActivity = db.prepare(`SELECT p.id FROM practice p JOIN practice_activity a ON a.practice_id = p.id
      WHERE a.activity_id = ? ORDER BY p.position`)
  }

  practiceIdsFor (filter: { threat?: string, activity?: string }): string[] | undefined {
    const sets = [
      filter.threat === undefined ? undefined : this.practicesByThreat.all(filter.threat).map((row) => row.id),
      filter.activity === undefined ? undefined : this.practicesByActivity.all(filter.activity).map((row) => row.id)
    ].filter((ids): ids is string[] => ids !== undefined)
    if (sets.length === 0) return undefined
    return (sets[0] ?? []).filter((id) => sets.every((ids) => ids.includes(id)))
  }

  readAll (): ThreatModelContent {
    const db = this.db
    const threats = (db.prepare('SELECT id, position, qubes_helps AS qubesHelps, texts_json AS texts, read_more_json AS readMore, sources_json AS sources FROM threat ORDER BY position')
      .all() as Array<Row & { qubesHelps: 'strongly' | 'partly' | 'little', texts: string, readMore: string, sources: string }>)
      .map((row) => ({ id: row.id as ThreatModelContent['threats'][number]['id'], order: row.position, qubesHelps: row.qubesHelps, ...parse<Pick<ThreatModelContent['threats'][number], 'name' | 'summary' | 'inQubes' | 'coverage'>>(row.texts), readMore: parse<Array<{ url: string, title: string }>>(row.readMore), sources: parse<Array<{ url: string, title: string }>>(row.sources) }))
    const activities = (db.prepare('SELECT id, position, texts_json AS texts FROM activity ORDER BY position').all() as Array<Row & { texts: string }>)
      .map((row) => ({ id: row.id, order: row.position, ...parse<Pick<ThreatModelContent['activities'][number], 'name' | 'description'>>(row.texts) }))
    const questions = (db.prepare('SELECT id, position, texts_json AS texts, fills_json AS fills, source_json AS source FROM question ORDER BY position').all() as Array<Row & { texts: string, fills: string, source: string }>)
      .map((row) => ({ id: row.id, order: row.position, ...parse<Pick<ThreatModelContent['questions'][number], 'question' | 'explanation'>>(row.texts), fills: parse<ThreatModelContent['questions'][number]['fills']>(row.fills), source: parse<{ url: string, title: string }>(row.source) }))
    const mitigations = db.prepare('SELECT threat_id AS threat, how_json AS how FROM practice_threat WHERE practice_id = ? ORDER BY position')
    const activityLinks = db.prepare('SELECT activity_id AS id FROM practice_activity WHERE practice_id = ? ORDER BY position')
    const topicLinks = db.prepare('SELECT topic_slug AS id FROM practice_topic WHERE practice_id = ? ORDER BY position')
    const layoutLinks = db.prepare('SELECT layout_id AS id FROM practice_layout WHERE practice_id = ? ORDER BY position')
    type Practice = ThreatModelContent['practices'][number]
    const practices = (db.prepare(`SELECT id, position, effort, texts_json AS texts, steps_json AS steps, residual_risks_json AS residualRisks, sources_json AS sources
      FROM practice ORDER BY position`).all() as Array<Row & { effort: Practice['effort'], texts: string, steps: string, residualRisks: string, sources: string }>)
      .map((row): Practice => ({
        id: row.id,
        order: row.position,
        effort: row.effort,
        ...parse<Pick<Practice, 'title' | 'summary' | 'why'>>(row.texts),
        steps: parse<Practice['steps']>(row.steps),
        mitigates: (mitigations.all(row.id) as Array<{ threat: Practice['mitigates'][number]['threat'], how: string }>).map((link) => ({ threat: link.threat, how: parse<Practice['mitigates'][number]['how']>(link.how) })),
        activities: (activityLinks.all(row.id) as Array<{ id: string }>).map((link) => link.id),
        residualRisks: parse<Practice['residualRisks']>(row.residualRisks),
        relatedTopics: (topicLinks.all(row.id) as Array<{ id: string }>).map((link) => link.id),
        relatedLayouts: (layoutLinks.all(row.id) as Array<{ id: string }>).map((link) => link.id),
        sources: parse<Practice['sources']>(row.sources)
      }))
    const ruleRows = db.prepare('SELECT id, kind, when_json AS whenJson, effect_json AS effect, texts_json AS texts FROM suggestion_rule ORDER BY kind, position')
      .all() as Array<{ id: string, kind: string, whenJson: string, effect: string, texts: string }>
    const of = (kind: string): typeof ruleRows => ruleRows.filter((row) => row.kind === kind)
    const settings = parse<Pick<Rules, 'linkWeights' | 'defaultLayout'>>(of('settings')[0]?.effect ?? '{"linkWeights":{"threat":0,"activity":0},"defaultLayout":""}')
    const rules: Rules = {
      ...settings,
      practiceRules: of('practice').map((row) => ({ id: row.id, when: parse(row.whenJson), ...parse<{ raise: Record<string, number> }>(row.effect), ...parse<{ because: { en: string, ru: string } }>(row.texts) })),
      layoutRules: of('layout').map((row) => ({ id: row.id, when: parse(row.whenJson), ...parse<{ layout: string, score: number }>(row.effect), ...parse<{ because: { en: string, ru: string } }>(row.texts) })),
      warnings: of('warning').map((row) => ({ id: row.id, when: parse(row.whenJson), ...parse<{ source: { url: string, title: string } }>(row.effect), ...parse<{ message: { en: string, ru: string } }>(row.texts) }))
    }
    return { threats, activities, questions, practices, rules }
  }
}
