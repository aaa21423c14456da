import Fastify, { type FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { lazyValidators } from '../../src/http/lazy-validators.js'

interface CompileCounts { instances: number, compiles: number }

/** An app with lazy validators that counts the Ajv instances made and the schemas they compile. */
function appWithCounts (t: Test): { app: FastifyInstance, counts: CompileCounts } {
  const counts: CompileCounts = { instances: 0, compiles: 0 }
  const app = Fastify({
    schemaController: { compilersFactory: { buildValidator: lazyValidators } },
    ajv: {
      // As the app sets it: the options reach the Ajv instance made on the first request.
      customOptions: { removeAdditional: false },
      onCreate (ajv) {
        counts.instances++
        const compile = ajv.compile.bind(ajv)
        Object.assign(ajv, { compile: (schema: object) => { counts.compiles++; return compile(schema) } })
      }
    }
  })
  t.teardown(() => app.close())
  app.addSchema({ $id: 'Slug', type: 'string', pattern: '^[a-z-]+$' })
  app.get('/topics/:slug', {
    schema: {
      params: { type: 'object', properties: { slug: { $ref: 'Slug#' } }, required: ['slug'] },
      querystring: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, default: 10 }, tag: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false
      }
    }
  }, async (request) => ({ params: request.params, query: request.query }))
  app.post('/tags', { schema: { body: { type: 'array', items: { type: 'string' } } } }, async (request) => ({ body: request.body }))
  return { app, counts }
}

t.test('nothing is compiled at start-up; a route is compiled on its first request, once', async (t) => {
  const { app, counts } = appWithCounts(t)
  await app.ready()
  t.same(counts, { instances: 0, compiles: 0 }, 'no Ajv instance before a request')

  t.equal((await app.inject('/topics/split-gpg')).statusCode, 200)
  t.equal(counts.instances, 1)
  const afterFirst = counts.compiles
  t.ok(afterFirst >= 2, 'the params and querystring validators of that route')

  t.equal((await app.inject('/topics/usb-qube?limit=3')).statusCode, 200)
  t.equal(counts.compiles, afterFirst, 'not compiled again')

  t.equal((await app.inject({ method: 'POST', url: '/tags', payload: ['tor'] })).statusCode, 200)
  t.equal(counts.instances, 1, 'one Ajv instance for every route')
  t.ok(counts.compiles > afterFirst, 'the body validator of the other route on its own first request')
})

t.test('validates, coerces and fills defaults as the default validators do', async (t) => {
  const { app } = appWithCounts(t)

  const valid = await app.inject('/topics/split-gpg?limit=3&tag=tor')
  t.same(valid.json(), { params: { slug: 'split-gpg' }, query: { limit: 3, tag: ['tor'] } }, 'coerced to integer and array')
  t.same((await app.inject('/topics/split-gpg')).json().query, { limit: 10 }, 'default filled in')

  const badParam = await app.inject('/topics/Split_GPG')
  t.equal(badParam.statusCode, 400)
  t.match(badParam.json().message, /^params\/slug must match pattern/, 'a shared model referenced by $ref')

  const badQuery = await app.inject('/topics/split-gpg?limit=0')
  t.equal(badQuery.statusCode, 400)
  t.match(badQuery.json().message, /^querystring\/limit must be >= 1/, 'the errors of the compiled validator')

  const unknown = await app.inject('/topics/split-gpg?bogus=1')
  t.equal(unknown.statusCode, 400, 'refused, not dropped: removeAdditional: false was passed on')
})

t.test('a whole request part is coerced, as Fastify does only for validators with a schemaEnv', async (t) => {
  const { app } = appWithCounts(t)
  // Ajv can replace the root value (a string into an array) only when given its parent.
  const response = await app.inject({ method: 'POST', url: '/tags', headers: { 'content-type': 'application/json' }, payload: '"tor"' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), { body: ['tor'] })
})

t.test('a schema Ajv cannot compile fails its first request, not the start', async (t) => {
  const app = Fastify({ schemaController: { compilersFactory: { buildValidator: lazyValidators } } })
  t.teardown(() => app.close())
  app.get('/broken', { schema: { querystring: { type: 'object', properties: { q: { type: 'no-such-type' } } } } }, async () => ({}))
  await app.ready()
  t.equal((await app.inject('/broken')).statusCode, 500)
})

t.test('a header schema is refused at start-up: Fastify would not lowercase it for a custom compiler', async (t) => {
  const app = Fastify({ schemaController: { compilersFactory: { buildValidator: lazyValidators } } })
  t.teardown(() => app.close())
  app.get('/with-headers', { schema: { headers: { type: 'object', properties: { 'X-Token': { type: 'string' } }, required: ['X-Token'] } } }, async () => ({}))
  await t.rejects(async () => { await app.ready() }, { code: 'FST_ERR_SCH_VALIDATION_BUILD', message: /cannot validate headers/ })
})
