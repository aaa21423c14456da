import type { ThreatModelContent } from '../../content/load-threat-models.js'
import { type Plan, suggest, type SuggestionKnowledge } from './engine.js'
import { suggestionsUrl, type ThreatModel } from './threat-model.js'

const PLAN_CACHE_SIZE = 2048

/**
 * The threat-model content of one release, and plans computed from it. A plan depends only on the
 * canonical model, so it is computed once per model and kept, up to a bound that keeps a client
 * sending endless distinct models from growing the process.
 */
export class SuggestionCatalogue {
  readonly knowledge: SuggestionKnowledge
  private readonly plans = new Map<string, Plan>()

  constructor (readonly content: ThreatModelContent) {
    this.knowledge = { practices: content.practices, threats: content.threats, rules: content.rules }
  }

  get activityIds (): string[] {
    return this.content.activities.map((activity) => activity.id)
  }

  plan (model: ThreatModel): Plan {
    const key = suggestionsUrl(model)
    let plan = this.plans.get(key)
    if (plan === undefined) {
      plan = suggest(this.knowledge, model)
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value as string)
      this.plans.set(key, plan)
    }
    return plan
  }
}
