import type { Condition } from '../../content/threat-model-schema.js'
import type { ThreatId } from '../../content/threats.js'
import { EFFORT_LEVELS, type EffortLevel, type ThreatModel } from './threat-model.js'

/** What the engine needs to know; every rule and weight comes from the content store. */
export interface SuggestionKnowledge {
  practices: Array<{ id: string, order: number, effort: EffortLevel, mitigates: Array<{ threat: ThreatId }>, activities: string[] }>
  threats: Array<{ id: ThreatId, qubesHelps: 'strongly' | 'partly' | 'little' }>
  rules: {
    linkWeights: { threat: number, activity: number }
    defaultLayout: string
    practiceRules: Array<{ id: string, when: Condition, raise: Record<string, number> }>
    layoutRules: Array<{ id: string, when: Condition, layout: string, score: number }>
    warnings: Array<{ id: string, when: Condition }>
  }
}

/** Why a practice or layout scored: a rule, or a practice's own link to a threat or activity. */
export type Reason =
  | { kind: 'rule', rule: string, weight: number, inputs: string[] }
  | { kind: 'mitigates', threat: ThreatId, weight: number }
  | { kind: 'serves', activity: string, weight: number }

export interface RankedPractice {
  id: string
  score: number
  effort: EffortLevel
  reasons: Reason[]
}

export interface Plan {
  layout: { id: string, score: number, reasons: Array<{ rule: string, inputs: string[] }> }
  practices: RankedPractice[]
  /** Practices the model raised but that need more effort than the person accepts. */
  beyondEffort: RankedPractice[]
  warnings: string[]
  unaddressed: Array<{ threat: ThreatId, reason: 'qubes-helps-little' | 'no-practice-within-effort' }>
}

/** The inputs of a model that a condition matched on, or undefined when it does not match. */
export function matchCondition (condition: Condition, model: ThreatModel): string[] | undefined {
  const inputs: string[] = []
  if (condition.threats !== undefined) {
    const hits = condition.threats.filter((threat) => model.threats.includes(threat))
    if (hits.length === 0) return undefined
    inputs.push(...hits.map((threat) => `threat:${threat}`))
  }
  if (condition.activities !== undefined) {
    const hits = condition.activities.filter((activity) => model.activities.includes(activity))
    if (hits.length === 0) return undefined
    inputs.push(...hits.map((activity) => `activity:${activity}`))
  }
  for (const [key, value] of Object.entries(condition.constraints ?? {})) {
    if (model.constraints[key as keyof ThreatModel['constraints']] !== value) return undefined
    inputs.push(`constraint:${key}=${String(value)}`)
  }
  return inputs
}

const effortRank = (effort: EffortLevel): number => EFFORT_LEVELS.indexOf(effort)

/**
 * From a threat model to a plan: every practice rule that matches adds its weights; each selected
 * threat a practice mitigates and each selected activity it serves add the link weights; the best
 * scoring layout rule chooses the layout. Ranking is by score, then lower effort, then guide order,
 * so the same model always gives the same plan.
 */
export function suggest (knowledge: SuggestionKnowledge, model: ThreatModel): Plan {
  const scores = new Map<string, { score: number, reasons: Reason[] }>()
  const add = (practice: string, reason: Reason): void => {
    const entry = scores.get(practice) ?? { score: 0, reasons: [] }
    entry.score += reason.weight
    entry.reasons.push(reason)
    scores.set(practice, entry)
  }
  for (const rule of knowledge.rules.practiceRules) {
    const inputs = matchCondition(rule.when, model)
    if (inputs === undefined) continue
    for (const [practice, weight] of Object.entries(rule.raise)) add(practice, { kind: 'rule', rule: rule.id, weight, inputs })
  }
  const { linkWeights } = knowledge.rules
  for (const practice of knowledge.practices) {
    for (const { threat } of practice.mitigates) {
      if (model.threats.includes(threat) && linkWeights.threat > 0) add(practice.id, { kind: 'mitigates', threat, weight: linkWeights.threat })
    }
    for (const activity of practice.activities) {
      if (model.activities.includes(activity) && linkWeights.activity > 0) add(practice.id, { kind: 'serves', activity, weight: linkWeights.activity })
    }
  }

  const byId = new Map(knowledge.practices.map((practice) => [practice.id, practice]))
  const ranked = [...scores]
    .flatMap(([id, entry]) => {
      const practice = byId.get(id)
      return practice === undefined || entry.score <= 0 ? [] : [{ id, score: entry.score, effort: practice.effort, reasons: entry.reasons, order: practice.order }]
    })
    .sort((a, b) => b.score - a.score || effortRank(a.effort) - effortRank(b.effort) || a.order - b.order)
    .map(({ order: _order, ...practice }) => practice)
  const allowed = effortRank(model.constraints.maxEffort)
  const practices = ranked.filter((practice) => effortRank(practice.effort) <= allowed)
  const beyondEffort = ranked.filter((practice) => effortRank(practice.effort) > allowed)

  const layoutScores = new Map<string, { score: number, reasons: Array<{ rule: string, inputs: string[] }> }>()
  for (const rule of knowledge.rules.layoutRules) {
    const inputs = matchCondition(rule.when, model)
    if (inputs === undefined) continue
    const entry = layoutScores.get(rule.layout) ?? { score: 0, reasons: [] }
    entry.score += rule.score
    entry.reasons.push({ rule: rule.id, inputs })
    layoutScores.set(rule.layout, entry)
  }
  // Ties go to the layout whose first rule comes first in rules.yaml.
  const [layoutId, layoutEntry] = [...layoutScores].sort((a, b) => b[1].score - a[1].score)[0] ??
    [knowledge.rules.defaultLayout, { score: 0, reasons: [] }]

  const warnings = knowledge.rules.warnings.filter((warning) => matchCondition(warning.when, model) !== undefined).map((warning) => warning.id)
  const helps = new Map(knowledge.threats.map((threat) => [threat.id, threat.qubesHelps]))
  // A chosen threat is unaddressed when no practice of the plan mitigates it: because Qubes does
  // little against it, or because the measures that would need more effort than accepted.
  const unaddressed = model.threats.flatMap((threat): Plan['unaddressed'] => {
    const covered = practices.some((practice) => byId.get(practice.id)?.mitigates.some((mitigation) => mitigation.threat === threat))
    if (covered) return []
    return [{ threat, reason: helps.get(threat) === 'little' ? 'qubes-helps-little' : 'no-practice-within-effort' }]
  })
  return { layout: { id: layoutId, ...layoutEntry }, practices, beyondEffort, warnings, unaddressed }
}
