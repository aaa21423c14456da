/**
 * Qube layouts as plain data: what a layout is, independent of where it is stored or served.
 * The facts here come from qubes-core-admin (labels, name rules) and are cited in the checker.
 */

export const QUBE_CLASSES = ['AppVM', 'TemplateVM', 'StandaloneVM', 'DispVM'] as const
export type QubeClass = typeof QUBE_CLASSES[number]

/** Qubes' eight labels and their colours (qubes-core-admin, qubes/app.py), least to most trusted by convention. */
export const LABEL_COLOURS = {
  red: '#cc0000',
  orange: '#f57900',
  yellow: '#edd400',
  green: '#73d216',
  gray: '#555555',
  blue: '#3465a4',
  purple: '#75507b',
  black: '#000000'
} as const
export type LabelName = keyof typeof LABEL_COLOURS
export const LABEL_NAMES = Object.keys(LABEL_COLOURS) as LabelName[]

export function isLabelName (value: string): value is LabelName {
  return Object.hasOwn(LABEL_COLOURS, value)
}

/** What a qube does in a layout; it decides how a hop of a network path is described. */
export const QUBE_ROLES = [
  'network', 'firewall', 'vpn', 'tor-gateway', 'tor-workstation', 'app', 'vault', 'usb',
  'template', 'disposable-template', 'disposable', 'gpg-backend'
] as const
export type QubeRole = typeof QUBE_ROLES[number]

export interface Qube {
  name: string
  class: QubeClass
  template: string | null
  label: string
  providesNetwork: boolean
  netvm: string | null
  disposableTemplate: boolean
  preinstalled: boolean
  role: QubeRole
  defaultDispvm: string | null
  services: string[]
  features: Record<string, string>
  tags: string[]
}

/** The part of a layout that the graph, the checker and the exporters work on. */
export interface LayoutGraph {
  id: string
  mainQube: string
  qubes: Qube[]
}

export const QUBE_NAME_MAX_LENGTH = 31

/**
 * Why Qubes would refuse this name, or undefined when it accepts it (qubes-core-admin
 * qubes/vm/__init__.py validate_name).
 */
export function qubeNameProblem (name: string): string | undefined {
  if (name.length === 0) return 'empty'
  if (name.length > QUBE_NAME_MAX_LENGTH) return 'too-long'
  if (!/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(name)) return 'illegal-characters'
  if (name === 'Domain-0' || name === 'none' || name === 'default') return 'reserved'
  if (name.endsWith('-dm')) return 'reserved-suffix'
  return undefined
}
