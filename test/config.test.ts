import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('defaults', async (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    storePath: 'var/guide.db',
    dataDir: 'data',
    migrationsDir: 'migrations',
    logLevel: 'info',
    prettyLogs: false,
    buildStoreOnStart: true,
    mcpAllowedHosts: ['localhost', '127.0.0.1', '[::1]'],
    rateLimit: { max: 6000, windowSeconds: 60 },
    maxEventLoopDelayMs: 1000,
    answerCacheMiB: 16
  })
})

t.test('reads and converts the environment; empty values count as unset', async (t) => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', STORE_PATH: '/srv/guide.db', LOG_LEVEL: 'debug', NODE_ENV: 'production', BUILD_STORE_ON_START: 'never', DATA_DIR: '' }, true)
  t.equal(config.port, 8080)
  t.equal(config.host, '0.0.0.0')
  t.equal(config.storePath, '/srv/guide.db')
  t.equal(config.dataDir, 'data')
  t.equal(config.logLevel, 'debug')
  t.equal(config.prettyLogs, false, 'never pretty in production')
  t.equal(config.buildStoreOnStart, false)
  t.equal(loadConfig({ NODE_ENV: 'development' }, true).prettyLogs, true, 'pretty in a development terminal')
  t.same(loadConfig({ RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW_SECONDS: '10' }).rateLimit, { max: 0, windowSeconds: 10 }, '0 turns the limit off')
  t.equal(loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '250' }).maxEventLoopDelayMs, 250)
  t.equal(loadConfig({ ANSWER_CACHE_MIB: '64' }).answerCacheMiB, 64)
})

t.test('a bad value names the variable', async (t) => {
  t.throws(() => loadConfig({ PORT: 'abc' }), new ConfigError('invalid configuration: PORT must be integer (got "abc")'))
  t.throws(() => loadConfig({ PORT: '70000' }), { message: /PORT must be <= 65535 \(got "70000"\)/ })
  t.throws(() => loadConfig({ RATE_LIMIT_MAX: '-1' }), { message: /RATE_LIMIT_MAX must be >= 0 \(got "-1"\)/ })
  t.throws(() => loadConfig({ ANSWER_CACHE_MIB: '0' }), { message: /ANSWER_CACHE_MIB must be >= 1 \(got "0"\)/ })
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), { message: 'invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")' })
})
