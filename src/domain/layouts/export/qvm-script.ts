import { creationOrder } from '../graph.js'
import type { Qube } from '../model.js'
import type { ExportContext } from './context.js'

/** Single-quotes a word for bash, so that no value can break out of its argument. */
export function shellQuote (value: string): string {
  return /^[A-Za-z0-9_.,:/=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`
}

// Qubes that hold hardware (PCI devices) are made by the installer; a script cannot recreate them faithfully.
const HARDWARE_ROLES = new Set(['network', 'usb'])

function createCommands (qube: Qube): string[] {
  const name = shellQuote(qube.name)
  if (qube.class === 'TemplateVM') {
    return [`if ! qube_exists ${name}; then`, `  qvm-template install ${name}`, 'fi']
  }
  if (HARDWARE_ROLES.has(qube.role)) {
    return [
      `if ! qube_exists ${name}; then`,
      `  echo "${qube.name} is missing: it holds hardware and is created by the Qubes installer; create it first" >&2`,
      '  exit 1',
      'fi'
    ]
  }
  const template = qube.template === null ? '' : ` --template ${shellQuote(qube.template)}`
  const lines = [`if ! qube_exists ${name}; then`, `  qvm-create --class ${qube.class}${template} --label ${shellQuote(qube.label)} ${name}`, 'fi']
  // Disposables can only be made from a qube that already is a disposable template.
  if (qube.disposableTemplate) lines.push(`qvm-prefs -- ${name} template_for_dispvms True`)
  return lines
}

function preferenceCommands (qube: Qube): string[] {
  const name = shellQuote(qube.name)
  const lines = [`qvm-prefs -- ${name} label ${shellQuote(qube.label)}`]
  if (qube.class === 'TemplateVM') return lines
  lines.push(`qvm-prefs -- ${name} provides_network ${qube.providesNetwork ? 'True' : 'False'}`)
  if ((qube.class === 'AppVM' || qube.class === 'StandaloneVM') && !qube.disposableTemplate) {
    lines.push(`qvm-prefs -- ${name} template_for_dispvms False`)
  }
  for (const service of qube.services) lines.push(`qvm-service -- ${name} ${shellQuote(service)} on`)
  for (const [feature, value] of Object.entries(qube.features)) lines.push(`qvm-features -- ${name} ${shellQuote(feature)} ${shellQuote(value)}`)
  for (const tag of qube.tags) lines.push(`qvm-tags -- ${name} add ${shellQuote(tag)}`)
  return lines
}

function connectionCommands (qube: Qube): string[] {
  if (qube.class === 'TemplateVM') return []
  const name = shellQuote(qube.name)
  const lines = [`qvm-prefs -- ${name} netvm ${qube.netvm === null ? "''" : shellQuote(qube.netvm)}`]
  if (qube.defaultDispvm !== null) lines.push(`qvm-prefs -- ${name} default_dispvm ${shellQuote(qube.defaultDispvm)}`)
  return lines
}

/**
 * A dom0 bash script that builds a layout in three passes: create the missing qubes (each after
 * its template), set every qube's own preferences, then connect each qube to its netvm and default
 * disposable template, when every qube exists and every network provider says so. Running it twice
 * changes nothing the second time: qubes are only created when missing and every preference is set
 * to an absolute value.
 */
export function exportQvmScript (context: ExportContext): string {
  const { graph } = context
  const qubes = creationOrder(graph)
  const lines = [
    '#!/bin/bash',
    `# Qubes OS layout "${context.title}" (${graph.id}), content release ${context.releaseVersion}`,
    `# From ${context.url}`,
    '#',
    '# READ THIS SCRIPT BEFORE YOU RUN IT. It runs in dom0, which controls every qube: never run',
    '# code in dom0 that you have not read and understood. Copy it to dom0 as the Qubes',
    '# documentation describes (qvm-run --pass-io), then run it with bash.',
    '#',
    '# What it does: installs missing templates, creates the qubes of this layout that do not exist',
    '# yet, sets their label and other preferences, and connects each to its net qube. It is safe to',
    '# run twice. It does not delete qubes, change a qube\'s class or template, or move data.',
    'set -euo pipefail',
    '',
    'qube_exists() { qvm-check --quiet -- "$1" >/dev/null 2>&1; }',
    '',
    '## 1. Create what is missing, each qube after its template'
  ]
  for (const qube of qubes) {
    lines.push(`# ${qube.name}: ${qube.class}, ${qube.role}${qube.preinstalled ? ' (created by the installer)' : ''}`)
    lines.push(...createCommands(qube))
  }
  lines.push('', '## 2. Preferences of each qube')
  for (const qube of qubes) lines.push(...preferenceCommands(qube))
  lines.push('', '## 3. Networks and default disposables')
  for (const qube of qubes) lines.push(...connectionCommands(qube))
  lines.push('', `echo "Layout ${graph.id} is in place."`, '')
  return lines.join('\n')
}
