export type Target = 'content' | 'computed' | 'info'

export interface Endpoint {
  name: string
  path: string
  target: Target
  method?: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
  /** Cycle through several paths (a few realistic search queries). */
  paths?: string[]
  /** Give every request its own query, so nothing is served from the cache. */
  distinct?: boolean
  /** The status every answer must have (200 unless said). */
  expectStatus?: number
}

const journalist = { threats: ['targeted-attacks', 'anonymity', 'censorship'], activities: ['journalism-sources', 'email'], constraints: { censoredNetwork: true } }

/** The hot endpoints of issue 6 and the target class each is held to. */
export function endpoints (topicEtag: string): Endpoint[] {
  return [
    { name: 'topic detail', path: '/v1/topics/copying-text', target: 'content' },
    { name: 'topic list', path: '/v1/topics?lang=ru', target: 'content' },
    { name: 'layout detail', path: '/v1/layouts/vpn-tor-chain', target: 'content' },
    { name: 'layout chain', path: '/v1/layouts/vpn-tor-chain/chain?from=anon-whonix', target: 'content' },
    { name: 'export qvm', path: '/v1/layouts/vpn-tor-chain/export?format=qvm', target: 'content' },
    { name: 'export svg', path: '/v1/layouts/vpn-tor-chain/export?format=svg&lang=ru', target: 'content' },
    { name: '304 revalidation', path: '/v1/topics/copying-text', target: 'content', headers: { 'if-none-match': topicEtag } },
    {
      name: 'search (en, ru)',
      path: '/v1/search?q=copy+files+between+qubes',
      target: 'computed',
      paths: ['/v1/search?q=copy+files+between+qubes', `/v1/search?q=${encodeURIComponent('копировать файлы')}`,
        '/v1/search?q=vpn+before+tor', `/v1/search?q=${encodeURIComponent('одноразовый кьюб для вложений')}`]
    },
    { name: 'search (distinct, uncached)', path: '/v1/search?q=qube', target: 'info', distinct: true },
    { name: 'context', path: '/v1/context?q=route+tor+through+a+vpn', target: 'computed' },
    { name: 'suggestions GET', path: '/v1/suggestions?threats=targeted-attacks,anonymity,censorship&activities=journalism-sources,email&censoredNetwork=true', target: 'computed' },
    { name: 'suggestions POST', path: '/v1/suggestions', method: 'POST', body: JSON.stringify(journalist), headers: { 'content-type': 'application/json' }, target: 'computed' },
    { name: 'problem 404', path: '/v1/topics/no-such-topic', target: 'info', expectStatus: 404 }
  ]
}
