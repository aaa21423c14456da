/** One kind of request the soak sends, and the status every answer to it must have. */
export interface SoakRequest {
  name: string
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
  expectStatus: number
  /** Give every request a query of its own, so that each is computed and cached anew. */
  distinct?: boolean
}

const JSON_BODY = { 'content-type': 'application/json' }

const checkedLayout = {
  qubes: [
    { name: 'sys-net', class: 'AppVM', template: 'fedora-42-xfce', label: 'red', providesNetwork: true },
    { name: 'vault', class: 'AppVM', template: 'fedora-42-xfce', label: 'black', netvm: 'sys-net' }
  ]
}
const journalist = { threats: ['targeted-attacks', 'anonymity', 'censorship'], activities: ['journalism-sources', 'email'], constraints: { censoredNetwork: true } }
const mcpGetTopic = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_topic', arguments: { slug: 'tor-via-vpn', lang: 'ru' } } }

const DISTINCT_WORDS = ['qube', 'template', 'disposable', 'firewall', 'vpn', 'tor', 'vault', 'usb', 'gpg', 'clipboard', 'файл', 'шаблон', 'кьюб', 'сеть']

/** The path of the nth distinct search: a real word and a number, so no two are the same. */
export function distinctSearchPath (counter: number): string {
  const word = DISTINCT_WORDS[counter % DISTINCT_WORDS.length] ?? 'qube'
  return `/v1/search?q=${encodeURIComponent(`${word} soak${counter}`)}`
}

const search = (q: string, extra = ''): string => `/v1/search?q=${encodeURIComponent(q)}${extra}`

/**
 * Every endpoint of the API, in the representations clients ask for: one request of each per
 * round, so the mix exercises each route, cache and renderer in turn. `topicEtag` is the ETag of
 * /v1/topics/copying-text, for the 304 revalidation.
 */
export function soakRequests (topicEtag: string): SoakRequest[] {
  const get = (name: string, path: string, headers?: Record<string, string>, expectStatus = 200): SoakRequest =>
    ({ name, method: 'GET', path, ...(headers === undefined ? {} : { headers }), expectStatus })
  const post = (name: string, path: string, body: unknown, headers: Record<string, string> = JSON_BODY): SoakRequest =>
    ({ name, method: 'POST', path, headers, body: JSON.stringify(body), expectStatus: 200 })
  return [
    get('index', '/v1'),
    get('health', '/health'),
    get('ready', '/ready'),
    get('topics en', '/v1/topics'),
    get('topics ru, by tag', '/v1/topics?lang=ru&tag=tor'),
    get('topic en', '/v1/topics/copying-text'),
    get('topic ru', '/v1/topics/copying-text', { 'accept-language': 'ru' }),
    get('topic markdown ru', '/v1/topics/file-exchange.md?lang=ru'),
    get('topic markdown by Accept', '/v1/topics/split-gpg', { accept: 'text/markdown' }),
    get('topic 304 revalidation', '/v1/topics/copying-text', { 'if-none-match': topicEtag }, 304),
    get('topic 404', '/v1/topics/no-such-topic', undefined, 404),
    get('layouts', '/v1/layouts'),
    get('layout', '/v1/layouts/vpn-tor-chain'),
    get('layout ru', '/v1/layouts/journalist?lang=ru'),
    get('layout markdown', '/v1/layouts/vpn-tor-chain.md'),
    get('layout chain', '/v1/layouts/vpn-tor-chain/chain?from=anon-whonix'),
    ...['qvm', 'salt', 'mermaid', 'dot', 'json'].map((format) => get(`export ${format}`, `/v1/layouts/vpn-tor-chain/export?format=${format}`)),
    get('export svg ru', '/v1/layouts/journalist/export?format=svg&lang=ru'),
    post('layout check', '/v1/layouts/check', checkedLayout),
    get('labels', '/v1/labels'),
    get('threats', '/v1/threats'),
    get('threat', '/v1/threats/anonymity?lang=ru'),
    get('activities', '/v1/activities'),
    get('practices by threat', '/v1/practices?threat=anonymity'),
    get('practice', '/v1/practices/split-gpg'),
    get('practice markdown', '/v1/practices/split-gpg.md?lang=ru'),
    get('threat-model questions', '/v1/threat-model/questions'),
    get('suggestions GET', '/v1/suggestions?threats=targeted-attacks,anonymity,censorship&activities=journalism-sources,email&censoredNetwork=true'),
    post('suggestions POST', '/v1/suggestions', journalist),
    get('search en', search('copy files between qubes')),
    get('search ru', search('копировать файлы')),
    get('search prefix ru', search('одноразов', '&lang=ru')),
    { ...get('search distinct', distinctSearchPath(0)), distinct: true },
    get('context', '/v1/context?q=how+do+I+route+Tor+through+a+VPN&maxChars=4000'),
    get('context markdown', '/v1/context?q=split+gpg', { accept: 'text/markdown' }),
    get('llms.txt', '/llms.txt'),
    get('llms-full.txt ru', '/ru/llms-full.txt'),
    get('openapi.json', '/openapi.json'),
    post('mcp get_topic', '/mcp', mcpGetTopic, { ...JSON_BODY, accept: 'application/json, text/event-stream' })
  ]
}
