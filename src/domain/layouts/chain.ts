import type { Locale } from '../../content/locales.js'
import { netvmPath } from './graph.js'
import type { LayoutGraph, Qube, QubeRole } from './model.js'

export const ROLE_NAMES: Record<QubeRole, Record<Locale, string>> = {
  network: { en: 'Network hardware', ru: 'Сетевое оборудование' },
  firewall: { en: 'Firewall', ru: 'Межсетевой экран' },
  vpn: { en: 'VPN', ru: 'VPN' },
  'tor-gateway': { en: 'Tor gateway (Whonix Gateway)', ru: 'Tor-шлюз (Whonix Gateway)' },
  'tor-workstation': { en: 'Whonix Workstation', ru: 'Рабочая станция Whonix' },
  app: { en: 'App qube', ru: 'Прикладной кьюб' },
  vault: { en: 'Offline vault', ru: 'Хранилище без сети' },
  usb: { en: 'USB qube', ru: 'USB-кьюб' },
  template: { en: 'Template', ru: 'Шаблон' },
  'disposable-template': { en: 'Disposable template', ru: 'Шаблон одноразовых кьюбов' },
  disposable: { en: 'Disposable', ru: 'Одноразовый кьюб' },
  'gpg-backend': { en: 'GPG backend (offline)', ru: 'GPG-хранилище без сети' }
}

const WORDS: Record<Locale, { you: string, internet: string, noNetwork: string, offline: string }> = {
  en: { you: 'You', internet: 'Internet', noNetwork: 'no network', offline: 'Offline: this qube has no network' },
  ru: { you: 'Вы', internet: 'интернет', noNetwork: 'нет сети', offline: 'Без сети: у этого кьюба нет сетевого подключения' }
}

export interface Chain {
  from: string
  /** The qubes from `from` towards the hardware, in order. */
  hops: Qube[]
  /** True when `from` has no network at all. */
  offline: boolean
  /** True when the path reaches the network hardware. */
  reachesInternet: boolean
  summary: Record<Locale, string>
}

/**
 * What a person's traffic passes through, in the order the outside world sees it: walking from the
 * qube to the hardware meets Tor before the VPN when the VPN wraps Tor, so the summary reverses
 * that walk (sys-whonix then sys-proxyvm reads "You → VPN → Tor → Internet").
 */
function summarise (hops: Qube[], reachesInternet: boolean, locale: Locale): string {
  const steps = hops.slice(1).reverse().flatMap((hop) => {
    if (hop.role === 'vpn') return ['VPN']
    if (hop.role === 'tor-gateway') return ['Tor']
    return []
  })
  const words = WORDS[locale]
  return [words.you, ...steps, reachesInternet ? words.internet : words.noNetwork].join(' → ')
}

/** The network path of a qube, or undefined when the path is broken (unknown qube, gap or cycle). */
export function layoutChain (graph: LayoutGraph, from: string): Chain | undefined {
  const path = netvmPath(graph, from)
  if (path.missing !== null || path.cycle || path.hops.length === 0) return undefined
  const first = path.hops[0] as Qube
  const last = path.hops.at(-1) as Qube
  const offline = first.netvm === null && first.role !== 'network'
  const reachesInternet = last.role === 'network'
  return {
    from,
    hops: path.hops,
    offline,
    reachesInternet,
    summary: offline
      ? { en: WORDS.en.offline, ru: WORDS.ru.offline }
      : { en: summarise(path.hops, reachesInternet, 'en'), ru: summarise(path.hops, reachesInternet, 'ru') }
  }
}
