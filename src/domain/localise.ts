import { DEFAULT_LOCALE, type Locale } from '../content/locales.js'
import type { LanguageChoice } from './language.js'

export interface Translation {
  requested: string
  served: Locale
  /** True when every localised field is in the requested language. */
  complete: boolean
  /** Fields that fell back to English. */
  fallbackFields: string[]
}

/**
 * Builds a localised object field by field: each field comes from the served locale when it has
 * one and from English otherwise, and the translation report says which fields fell back.
 */
export class Localiser {
  private readonly fallbackFields = new Set<string>()

  constructor (private readonly choice: LanguageChoice) {}

  get locale (): Locale {
    return this.choice.served
  }

  pick<T> (field: string, byLocale: Partial<Record<Locale, T>>): T {
    const served = byLocale[this.choice.served]
    if (served !== undefined) return served
    const fallback = byLocale[DEFAULT_LOCALE]
    if (fallback === undefined) throw new Error(`no ${DEFAULT_LOCALE} value for field ${field}`)
    this.fallbackFields.add(field)
    return fallback
  }

  translation (): Translation {
    const fallbackFields = [...this.fallbackFields].sort()
    return {
      requested: this.choice.requested,
      served: this.choice.served,
      complete: this.choice.requested === this.choice.served && fallbackFields.length === 0,
      fallbackFields
    }
  }
}
