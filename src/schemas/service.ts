import Type from 'typebox'
import { ref, Release } from './common.js'

export const ApiIndex = Type.Object({
  name: Type.String(),
  description: Type.String(),
  release: ref(Release),
  locales: Type.Array(Type.Enum(['en', 'ru'])),
  links: Type.Object({
    topics: Type.String(),
    layouts: Type.String(),
    labels: Type.String(),
    threats: Type.String(),
    activities: Type.String(),
    practices: Type.String(),
    questions: Type.String(),
    suggestions: Type.String(),
    search: Type.String(),
    context: Type.String(),
    openapi: Type.String(),
    docs: Type.String()
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
