import type { Qube } from '../model.js'

export type Severity = 'error' | 'warning'

export interface LocalisedText {
  en: string
  ru: string
}

export interface Finding {
  code: string
  severity: Severity
  /** The qube the finding is about, or null for the layout as a whole. */
  qube: string | null
  message: LocalisedText
  source: { url: string, title: string }
}

export const SOURCES = {
  names: { url: 'https://github.com/QubesOS/qubes-core-admin/blob/main/qubes/vm/__init__.py', title: 'validate_name in qubes-core-admin (qubes/vm/__init__.py)' },
  labels: { url: 'https://github.com/QubesOS/qubes-core-admin/blob/main/qubes/app.py', title: 'Default labels in qubes-core-admin (qubes/app.py)' },
  network: { url: 'https://doc.qubes-os.org/en/latest/user/security-in-qubes/firewall.html', title: 'Firewall (Qubes OS documentation)' },
  templates: { url: 'https://doc.qubes-os.org/en/latest/user/templates/templates.html', title: 'Templates (Qubes OS documentation)' },
  disposables: { url: 'https://doc.qubes-os.org/en/latest/user/how-to-guides/how-to-use-disposables.html', title: 'How to use disposables (Qubes OS documentation)' },
  whonix: { url: 'https://github.com/QubesOS/qubes-mgmt-salt-dom0-virtual-machines/blob/master/qvm/anon-whonix.sls', title: 'qvm.anon-whonix Salt formula (Qubes OS)' },
  torOrder: { url: 'https://www.privacyguides.org/en/advanced/tor-overview/', title: 'Tor Overview (Privacy Guides)' },
  vault: { url: 'https://github.com/QubesOS/qubes-mgmt-salt-dom0-virtual-machines/blob/master/qvm/vault.sls', title: 'qvm.vault Salt formula (Qubes OS)' }
} as const

export const NAME_PROBLEMS: Record<string, LocalisedText> = {
  empty: { en: 'it is empty', ru: 'оно пустое' },
  'too-long': { en: 'it is longer than 31 characters', ru: 'оно длиннее 31 символа' },
  'illegal-characters': {
    en: 'it must start with a letter and contain only letters, digits, - and _',
    ru: 'оно должно начинаться с буквы и состоять только из латинских букв, цифр, - и _'
  },
  reserved: { en: 'Domain-0, none and default are reserved', ru: 'имена Domain-0, none и default зарезервированы' },
  'reserved-suffix': { en: 'names ending in -dm are reserved for device-model stub domains', ru: 'имена на -dm зарезервированы для служебных доменов' }
}

export function isTorGateway (qube: Qube): boolean {
  return qube.role === 'tor-gateway' || (qube.template?.startsWith('whonix-gateway') ?? false)
}

export function isTorWorkstation (qube: Qube, byName: Map<string, Qube>): boolean {
  if (qube.role === 'tor-workstation' || qube.tags.includes('anon-vm')) return true
  // A disposable's template is a disposable template; its own template says what it runs.
  const template = qube.template === null ? undefined : byName.get(qube.template)
  const system = qube.class === 'DispVM' ? template?.template ?? null : qube.template
  return system?.startsWith('whonix-workstation') ?? false
}

export function isVpn (qube: Qube): boolean {
  return qube.role === 'vpn'
}

export function looksLikeVault (qube: Qube): boolean {
  return qube.role === 'vault' || qube.role === 'gpg-backend' || /vault/i.test(qube.name)
}
