import type { Database } from 'better-sqlite3'
import type { ThreatModelContent } from '../content/load-threat-models.js'

const json = (value: unknown): string => JSON.stringify(value)

/** Writes threats, activities, questions, practices and rules; runs inside the build's transaction. */
export function writeThreatModels (db: Database, content: ThreatModelContent): void {
  const insertThreat = db.prepare('INSERT INTO threat (id, position, qubes_helps, texts_json, read_more_json, sources_json) VALUES (?, ?, ?, ?, ?, ?)')
  const insertActivity = db.prepare('INSERT INTO activity (id, position, texts_json) VALUES (?, ?, ?)')
  const insertQuestion = db.prepare('INSERT INTO question (id, position, texts_json, fills_json, source_json) VALUES (?, ?, ?, ?, ?)')
  const insertPractice = db.prepare(`INSERT INTO practice (id, position, effort, texts_json, steps_json, residual_risks_json, sources_json)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const insertPracticeThreat = db.prepare('INSERT INTO practice_threat (practice_id, threat_id, position, how_json) VALUES (?, ?, ?, ?)')
  const insertPracticeActivity = db.prepare('INSERT INTO practice_activity (practice_id, activity_id, position) VALUES (?, ?, ?)')
  const insertPracticeTopic = db.prepare('INSERT INTO practice_topic (practice_id, position, topic_slug) VALUES (?, ?, ?)')
  const insertPracticeLayout = db.prepare('INSERT INTO practice_layout (practice_id, position, layout_id) VALUES (?, ?, ?)')
  const insertRule = db.prepare('INSERT INTO suggestion_rule (id, kind, position, when_json, effect_json, texts_json) VALUES (?, ?, ?, ?, ?, ?)')

  for (const threat of content.threats) {
    insertThreat.run(threat.id, threat.order, threat.qubesHelps,
      json({ name: threat.name, summary: threat.summary, inQubes: threat.inQubes, coverage: threat.coverage }),
      json(threat.readMore), json(threat.sources))
  }
  for (const activity of content.activities) {
    insertActivity.run(activity.id, activity.order, json({ name: activity.name, description: activity.description }))
  }
  for (const question of content.questions) {
    insertQuestion.run(question.id, question.order, json({ question: question.question, explanation: question.explanation }), json(question.fills), json(question.source))
  }
  for (const practice of content.practices) {
    insertPractice.run(practice.id, practice.order, practice.effort,
      json({ title: practice.title, summary: practice.summary, why: practice.why }),
      json(practice.steps), json(practice.residualRisks), json(practice.sources))
    practice.mitigates.forEach((mitigation, index) => insertPracticeThreat.run(practice.id, mitigation.threat, index, json(mitigation.how)))
    practice.activities.forEach((activity, index) => insertPracticeActivity.run(practice.id, activity, index))
    practice.relatedTopics.forEach((slug, index) => insertPracticeTopic.run(practice.id, index, slug))
    practice.relatedLayouts.forEach((id, index) => insertPracticeLayout.run(practice.id, index, id))
  }
  const { rules } = content
  insertRule.run('settings', 'settings', 0, json({ always: true }), json({ linkWeights: rules.linkWeights, defaultLayout: rules.defaultLayout }), json({}))
  rules.practiceRules.forEach((rule, index) => insertRule.run(rule.id, 'practice', index, json(rule.when), json({ raise: rule.raise }), json({ because: rule.because })))
  rules.layoutRules.forEach((rule, index) => insertRule.run(rule.id, 'layout', index, json(rule.when), json({ layout: rule.layout, score: rule.score }), json({ because: rule.because })))
  rules.warnings.forEach((rule, index) => insertRule.run(rule.id, 'warning', index, json(rule.when), json({ source: rule.source }), json({ message: rule.message })))
}
