import Type from 'typebox'
import { LOCALES } from '../content/locales.js'
import { Link, List, Paragraph, Title } from './bounds.js'
import { ref, Release } from './common.js'

export const ApiIndex = Type.Object({
  name: Title(),
  description: Paragraph(),
  release: ref(Release),
  locales: List(Type.Enum([...LOCALES]), LOCALES.length),
  links: Type.Object({
    topics: Link(),
    layouts: Link(),
    labels: Link(),
    threats: Link(),
    activities: Link(),
    practices: Link(),
    questions: Link(),
    suggestions: Link(),
    search: Link(),
    context: Link(),
    openapi: Link(),
    docs: Link()
  }, { additionalProperties: false })
}, { $id: 'ApiIndex', additionalProperties: false })

export const Health = Type.Object({
  status: Type.Enum(['ok'])
}, { $id: 'Health', additionalProperties: false })

export const Readiness = Type.Object({
  status: Type.Enum(['ready']),
  release: ref(Release)
}, { $id: 'Readiness', additionalProperties: false })

export const serviceModels = [ApiIndex, Health, Readiness]
