import type { Qube, QubeClass, QubeRole } from './model.js'

export interface QubeDraft {
  name: string
  class: QubeClass
  template?: string | null
  label: string
  providesNetwork?: boolean
  netvm?: string | null
  disposableTemplate?: boolean
  preinstalled?: boolean
  role?: QubeRole
  defaultDispvm?: string | null
  services?: string[]
  features?: Record<string, string>
  tags?: string[]
}

/**
 * A role for a qube sent without one, from what Qubes users conventionally name and build them
 * with. Only used for layouts people send to the checker; our own layouts state their roles.
 */
export function inferRole (qube: QubeDraft): QubeRole {
  const name = qube.name.toLowerCase()
  const template = (qube.template ?? '').toLowerCase()
  if (qube.class === 'TemplateVM') return 'template'
  if (qube.disposableTemplate === true) return 'disposable-template'
  if (template.startsWith('whonix-gateway') || template.startsWith('whonix-gw')) return 'tor-gateway'
  if (template.startsWith('whonix-workstation') || template.startsWith('whonix-ws') || (qube.tags ?? []).includes('anon-vm')) return 'tor-workstation'
  if (qube.providesNetwork === true) {
    if (/vpn|proxy/.test(name)) return 'vpn'
    if (/firewall/.test(name)) return 'firewall'
    if (/whonix|tor/.test(name)) return 'tor-gateway'
    if (name === 'sys-net' || (qube.netvm ?? null) === null) return 'network'
    return 'firewall'
  }
  if (/usb/.test(name) && name.startsWith('sys-')) return 'usb'
  if (/vault/.test(name)) return 'vault'
  if (/gpg/.test(name) && (qube.netvm ?? null) === null) return 'gpg-backend'
  if (qube.class === 'DispVM') return 'disposable'
  return 'app'
}

/** A complete qube from a draft: absent fields take Qubes' defaults. */
export function completeQube (draft: QubeDraft): Qube {
  return {
    name: draft.name,
    class: draft.class,
    template: draft.template ?? null,
    label: draft.label,
    providesNetwork: draft.providesNetwork ?? false,
    netvm: draft.netvm ?? null,
    disposableTemplate: draft.disposableTemplate ?? false,
    preinstalled: draft.preinstalled ?? false,
    role: draft.role ?? inferRole(draft),
    defaultDispvm: draft.defaultDispvm ?? null,
    services: draft.services ?? [],
    features: draft.features ?? {},
    tags: draft.tags ?? []
  }
}
