import fc from 'fast-check'

/** The part of JSON Schema the API's request schemas use. */
export interface JsonSchema {
  $ref?: string
  type?: string
  enum?: unknown[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
}

export interface SchemaContext {
  /** `#/components/schemas/X` to the schema it names. */
  resolve: (ref: string) => JsonSchema
  /** Real values by property or parameter name (ids, qube names), so that valid requests reach real content. */
  known: Record<string, string[]>
}

/** Arrays stay short: a fuzzer learns more from many small requests than from a few huge ones. */
const MAX_ARRAY = 6
const MAX_DEPTH = 6

/**
 * Something a client could put where text is expected: any code point, control characters,
 * bidi overrides, FTS5 query syntax, SQL-ish fragments, number-like text and long runs (past
 * the schemas' maxLength, and, percent-encoded, often past the URL limit).
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u200b', '\u202e', '\ufeff', '\ufffd', '\ud800', 'é', 'ж', '𝕏', '👩‍💻'), maxLength: 20 }),
  fc.array(fc.constantFrom('"', '*', '^', ':', '-', '+', '(', ')', '{', '}', 'NEAR(', 'NEAR/3', 'AND', 'OR', 'NOT', 'title:', 'body:', 'qrexec', 'копировать', "'", ';', '--', '\\', '%', '_', '/*', 'ORDER BY'), { minLength: 1, maxLength: 8 })
    .map((words) => words.join(' ')),
  fc.constantFrom('', ' ', '-1', '0', '1e9', '99999999999999999999', 'NaN', 'Infinity', '0x10', '1.5', 'true', 'null', '[]', '{}', '__proto__', 'constructor'),
  fc.tuple(fc.constantFrom('a', 'ж', '%', '-', '0'), fc.integer({ min: 50, max: 1500 })).map(([unit, length]) => unit.repeat(length))
)

/** Any JSON value, with the awkward ones more likely than chance would make them. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileText,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), [], {}, [null], JSON.parse('{"__proto__":{"polluted":true}}') as unknown)
)

export function schemaArbitrary (schema: JsonSchema, context: SchemaContext, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) return schemaArbitrary(context.resolve(schema.$ref), context, name, depth)
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((alternative) => schemaArbitrary(alternative, context, name, depth)))
  switch (schema.type) {
    case 'string': return stringArbitrary(schema, context, name)
    case 'integer': return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 })
    case 'number': return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true })
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'array': {
      if (depth >= MAX_DEPTH || schema.items === undefined) return fc.constant([])
      const minLength = schema.minItems ?? 0
      return fc.array(schemaArbitrary(schema.items, context, name, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_ARRAY, MAX_ARRAY)) })
    }
    case 'object': return objectArbitrary(schema, context, depth)
    default: return anyJson
  }
}

function stringArbitrary (schema: JsonSchema, context: SchemaContext, name: string): fc.Arbitrary<string> {
  const known = context.known[name]
  if (known !== undefined && known.length > 0) return fc.constantFrom(...known)
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern))
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) })
}

function objectArbitrary (schema: JsonSchema, context: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  if (depth >= MAX_DEPTH) return fc.constant({})
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {})
    .map(([key, property]) => [key, schemaArbitrary(property, context, key, depth + 1)]))
  const record = fc.record(properties, { requiredKeys: schema.required ?? [] })
  const extra = schema.additionalProperties
  if (typeof extra !== 'object') return record
  // A map such as qube features: a few free keys beside the declared ones.
  return fc.tuple(record, fc.dictionary(fc.string({ maxLength: 12 }), schemaArbitrary(extra, context, '', depth + 1), { maxKeys: 3 }))
    .map(([declared, free]) => ({ ...free, ...declared }))
}

/**
 * A valid value with one place in it replaced by something else: the shape of a request that is
 * nearly right, which is where validation and the code behind it disagree most often.
 */
export function mutated (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), anyJson).map(([value, choice, replacement]) => {
    const places: Array<{ parent: Record<string, unknown> | unknown[], key: string | number }> = []
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach((child, index) => { places.push({ parent: node, key: index }); collect(child) })
      else if (node !== null && typeof node === 'object') {
        for (const [key, child] of Object.entries(node)) { places.push({ parent: node as Record<string, unknown>, key }); collect(child) }
      }
    }
    const copy = structuredClone(value)
    collect(copy)
    const place = places[choice % Math.max(places.length, 1)]
    if (place === undefined) return replacement
    ;(place.parent as Record<string | number, unknown>)[place.key] = replacement
    return copy
  })
}
