import AjvCompiler, { type ValidatorCompiler, type ValidatorFactory } from '@fastify/ajv-compiler'

type Validate = ReturnType<ValidatorCompiler>

const buildDefaultValidators = AjvCompiler()

/**
 * Fastify's own request validators (Ajv), compiled when a route first validates a request instead
 * of all at start-up: compiling every route's params, querystring and body schemas took about
 * 150 ms of the time to ready, for validators a process may never use. The Ajv instance itself,
 * with every shared model, is made on the first compile too.
 *
 * The price is the same as for lazySerializers: a schema Ajv cannot compile fails its route's first
 * request (a 500) instead of the start. The contract tests and the fuzzer send requests to every
 * route, so such a schema still fails the test suite.
 */
export const lazyValidators: ValidatorFactory = (externalSchemas, options) => {
  let compile: ValidatorCompiler | undefined
  return (route) => {
    // Fastify lowercases header schemas only for its default compiler: any buildValidator counts
    // as custom, and a header schema would then be matched case-sensitively against the lowercase
    // names Node gives. No route validates headers; one that does is refused at start-up.
    if (route.httpPart === 'headers') {
      throw new Error('lazyValidators cannot validate headers: Fastify would not lowercase the schema for it')
    }
    let validate: Validate | undefined
    const compiled = (): Validate => {
      compile ??= buildDefaultValidators(externalSchemas, options)
      validate ??= compile(route)
      return validate
    }
    // Fastify passes the data context (so that Ajv may coerce a whole request part) only to a
    // validator with a `schemaEnv`, and reads `errors` from the function it called.
    const lazyValidate = (data: unknown, dataContext?: unknown): unknown =>
      (compiled() as (data: unknown, dataContext?: unknown) => unknown)(data, dataContext)
    Object.defineProperties(lazyValidate, {
      schemaEnv: { get: () => compiled().schemaEnv },
      errors: { get: () => compiled().errors }
    })
    return lazyValidate as Validate
  }
}
