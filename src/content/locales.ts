/** The languages the guide is written in. English is complete by rule; others fall back to it. */
export const LOCALES = ['en', 'ru'] as const
export type Locale = typeof LOCALES[number]
export const DEFAULT_LOCALE: Locale = 'en'

export function isLocale (value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value)
}
