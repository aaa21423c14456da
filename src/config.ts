import Type, { type Static } from 'typebox'
import Value from 'typebox/value'

/** Defaults the app falls back on when built without the environment (tests, scripts). */
export const DEFAULT_RATE_LIMIT = { max: 6000, windowSeconds: 60 }
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 1000
export const DEFAULT_ANSWER_CACHE_MIB = 16

/** Everything the server reads from the environment, validated once at start-up. */
export const EnvironmentSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  STORE_PATH: Type.String({ minLength: 1, default: 'var/guide.db' }),
  DATA_DIR: Type.String({ minLength: 1, default: 'data' }),
  MIGRATIONS_DIR: Type.String({ minLength: 1, default: 'migrations' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  NODE_ENV: Type.Enum(['development', 'production', 'test'], { default: 'development' }),
  MCP_ALLOWED_HOSTS: Type.String({
    pattern: '^[A-Za-z0-9.\\[\\]:-]+(,[A-Za-z0-9.\\[\\]:-]+)*$',
    default: 'localhost,127.0.0.1,[::1]',
    description: 'Host names the MCP endpoint answers to (DNS rebinding protection), comma-separated'
  }),
  RATE_LIMIT_MAX: Type.Integer({
    minimum: 0,
    default: DEFAULT_RATE_LIMIT.max,
    description: 'Requests per window per client address; 0 turns the limit off. Generous on purpose: many Tor users share one exit'
  }),
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86400, default: DEFAULT_RATE_LIMIT.windowSeconds }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    minimum: 0,
    default: DEFAULT_MAX_EVENT_LOOP_DELAY_MS,
    description: 'Mean event-loop delay above which new requests get 503 with Retry-After; 0 turns the check off'
  }),
  ANSWER_CACHE_MIB: Type.Integer({
    minimum: 1,
    maximum: 4096,
    default: DEFAULT_ANSWER_CACHE_MIB,
    description: 'MiB of serialised answers kept in memory and served by the fast path, half for content and half for answers to queries; when a half is full, its oldest go first'
  }),
  BUILD_STORE_ON_START: Type.Enum(['auto', 'never'], {
    default: 'auto',
    description: 'auto: build the store from DATA_DIR when it is missing, and rebuild it when it is older than DATA_DIR or MIGRATIONS_DIR or of an older schema; never overwrite a damaged or newer-schema file'
  })
})
type Environment = Static<typeof EnvironmentSchema>

export interface AppConfig {
  port: number
  host: string
  storePath: string
  dataDir: string
  migrationsDir: string
  logLevel: Environment['LOG_LEVEL']
  /** Human-readable logs: only in development, and only when a person watches a terminal. */
  prettyLogs: boolean
  buildStoreOnStart: boolean
  mcpAllowedHosts: string[]
  rateLimit: { max: number, windowSeconds: number }
  maxEventLoopDelayMs: number
  answerCacheMiB: number
}

export class ConfigError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

export function loadConfig (env: NodeJS.ProcessEnv, isTerminal = false): AppConfig {
  const keys = Object.keys(EnvironmentSchema.properties) as Array<keyof Environment>
  // Empty variables count as unset, as shells and .env files often leave them.
  const raw = Object.fromEntries(keys.flatMap((key) => env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]]))
  const value = Value.Default(EnvironmentSchema, Value.Convert(EnvironmentSchema, raw)) as Record<string, unknown>
  const problems: string[] = []
  for (const error of Value.Errors(EnvironmentSchema, value)) {
    const name = error.instancePath.slice(1)
    const params = error.params as { allowedValues?: unknown[] }
    const expected = params.allowedValues === undefined ? error.message : `must be one of ${params.allowedValues.join(', ')}`
    problems.push(`${name} ${expected} (got ${JSON.stringify(env[name])})`)
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
  const parsed = value as Environment
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    storePath: parsed.STORE_PATH,
    dataDir: parsed.DATA_DIR,
    migrationsDir: parsed.MIGRATIONS_DIR,
    logLevel: parsed.LOG_LEVEL,
    prettyLogs: isTerminal && parsed.NODE_ENV === 'development',
    buildStoreOnStart: parsed.BUILD_STORE_ON_START === 'auto',
    mcpAllowedHosts: parsed.MCP_ALLOWED_HOSTS.split(','),
    rateLimit: { max: parsed.RATE_LIMIT_MAX, windowSeconds: parsed.RATE_LIMIT_WINDOW_SECONDS },
    maxEventLoopDelayMs: parsed.MAX_EVENT_LOOP_DELAY_MS,
    answerCacheMiB: parsed.ANSWER_CACHE_MIB
  }
}
