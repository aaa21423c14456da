import type { Locale } from '../../content/locales.js'
import { LABEL_COLOURS, type LabelName } from './model.js'

/** The usual meaning of each label colour. Qubes itself gives every colour the same protection. */
export const LABEL_CONVENTIONS: Array<{ name: LabelName, trustRank: number | null, convention: Record<Locale, string> }> = [
  { name: 'red', trustRank: 1, convention: { en: 'Untrusted: browsing unknown sites, opening files from strangers, the network qube', ru: 'Недоверенное: незнакомые сайты, файлы от посторонних, сетевой кьюб' } },
  { name: 'orange', trustRank: 2, convention: { en: 'Little trust: between untrusted and everyday use', ru: 'Мало доверия: между недоверенным и повседневным' } },
  { name: 'yellow', trustRank: 3, convention: { en: 'Everyday personal use (the default personal qube)', ru: 'Повседневные личные дела (стандартный кьюб personal)' } },
  { name: 'green', trustRank: 4, convention: { en: 'Trusted: the firewall qube and well-known services', ru: 'Доверенное: кьюб межсетевого экрана и хорошо знакомые сервисы' } },
  { name: 'gray', trustRank: null, convention: { en: 'No place in the usual convention: use it for whatever you choose', ru: 'В обычной договорённости места не имеет: используйте как удобно' } },
  { name: 'blue', trustRank: 5, convention: { en: 'More trusted: work (the default work qube)', ru: 'Больше доверия: работа (стандартный кьюб work)' } },
  { name: 'purple', trustRank: 6, convention: { en: 'Highly trusted: for example keys that sign software', ru: 'Высокое доверие: например, ключи для подписи программ' } },
  { name: 'black', trustRank: 7, convention: { en: 'Most trusted: offline vaults, the Tor gateway, dom0 itself', ru: 'Наивысшее доверие: хранилища без сети, Tor-шлюз, сам dom0' } }
]

export function labelColour (name: LabelName): string {
  return LABEL_COLOURS[name]
}

export const LABEL_NOTE: Record<Locale, string> = {
  en: 'Qubes treats every label the same; the colours only remind you how much you trust a qube. dom0 draws each window\'s border in its qube\'s colour, so a qube cannot change it.',
  ru: 'Qubes обращается со всеми метками одинаково; цвет лишь напоминает, насколько вы доверяете кьюбу. Рамку окна рисует dom0 в цвете его кьюба, и кьюб не может её изменить.'
}

export const LABEL_SOURCES = [
  { url: 'https://doc.qubes-os.org/en/latest/introduction/getting-started.html', title: 'Getting started: color and security (Qubes OS documentation)' },
  { url: 'https://github.com/QubesOS/qubes-core-admin/blob/main/qubes/app.py', title: 'Default labels in qubes-core-admin (qubes/app.py)' },
  { url: 'https://www.qubes-os.org/screenshots/', title: 'Screenshots (Qubes OS)' }
]
