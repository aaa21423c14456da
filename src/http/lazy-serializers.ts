import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

const buildDefaultSerializers = SerializerSelector()

/**
 * Fastify's own response serialisers (fast-json-stringify), compiled when a route first answers
 * with a status instead of all at start-up. Compiling every response schema of every route took
 * most of the time from process start to ready, for serialisers that many processes never use:
 * answers that depend only on the release are serialised once and then served from memory.
 */
export const lazySerializers: SerializerFactory = (externalSchemas, options) => {
  const compile = buildDefaultSerializers(externalSchemas, options)
  return (route) => {
    let serialize: ((document: unknown) => string) | undefined
    return (document) => {
      serialize ??= compile(route)
      return serialize(document)
    }
  }
}
