import { LABEL_COLOURS, isLabelName, type LayoutGraph, type Qube } from '../model.js'
import type { ExportContext } from './context.js'

/** Text colour that stays readable on a label colour (yellow and green need dark text). */
function textColourOn (label: string): string {
  return label === 'yellow' || label === 'green' || label === 'orange' ? '#000000' : '#ffffff'
}

function fillOf (qube: Qube): string {
  return isLabelName(qube.label) ? LABEL_COLOURS[qube.label] : '#ffffff'
}

function dotString (value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}

/** Qubes drawn in the diagram: templates are left out, they are not on any network path. */
function drawnQubes (graph: LayoutGraph): Qube[] {
  return graph.qubes.filter((qube) => qube.class !== 'TemplateVM')
}

/**
 * The layout as a Graphviz digraph: one box per qube filled with its label colour, an arrow from
 * each qube to its netvm, and a second line per qube (its role, in the caller's language).
 */
export function exportDot (context: ExportContext, subtitles: Record<string, string> = {}): string {
  const lines = [
    `digraph ${dotString(context.graph.id)} {`,
    `  label=${dotString(`${context.title} · ${context.releaseVersion}`)};`,
    '  labelloc=t; rankdir=LR; fontname="DejaVu Sans"; fontsize=14;',
    '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=12, penwidth=1.2];',
    '  edge [fontname="DejaVu Sans", fontsize=10, color="#444444"];'
  ]
  for (const qube of drawnQubes(context.graph)) {
    const subtitle = subtitles[qube.name]
    const text = subtitle === undefined ? qube.name : `${qube.name}\n${subtitle}`
    const attributes = [
      `label=${dotString(text)}`,
      `fillcolor=${dotString(fillOf(qube))}`,
      `fontcolor=${dotString(textColourOn(qube.label))}`,
      `tooltip=${dotString(`${qube.name} (${qube.class}, ${qube.label})`)}`
    ]
    if (qube.name === context.graph.mainQube) attributes.push('penwidth=3')
    if (qube.class === 'DispVM' || qube.disposableTemplate) attributes.push('style="rounded,filled,dashed"')
    lines.push(`  ${dotString(qube.name)} [${attributes.join(', ')}];`)
  }
  for (const qube of drawnQubes(context.graph)) {
    if (qube.netvm !== null) lines.push(`  ${dotString(qube.name)} -> ${dotString(qube.netvm)};`)
  }
  lines.push('}', '')
  return lines.join('\n')
}

function mermaidId (name: string): string {
  return `q_${name.replace(/[^A-Za-z0-9_]/g, '_')}`
}

function mermaidText (value: string): string {
  return value.replace(/"/g, '#quot;')
}

/** The layout as a Mermaid flowchart, with the same nodes, colours and arrows as the DOT export. */
export function exportMermaid (context: ExportContext, subtitles: Record<string, string> = {}): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(`${context.title} · ${context.releaseVersion}`)}`,
    '---',
    'flowchart LR'
  ]
  const qubes = drawnQubes(context.graph)
  for (const qube of qubes) {
    const subtitle = subtitles[qube.name]
    const text = subtitle === undefined ? qube.name : `${qube.name}<br/>${subtitle}`
    lines.push(`  ${mermaidId(qube.name)}["${mermaidText(text)}"]`)
  }
  for (const qube of qubes) {
    if (qube.netvm !== null) lines.push(`  ${mermaidId(qube.name)} --> ${mermaidId(qube.netvm)}`)
  }
  for (const qube of qubes) {
    lines.push(`  style ${mermaidId(qube.name)} fill:${fillOf(qube)},color:${textColourOn(qube.label)}${qube.name === context.graph.mainQube ? ',stroke-width:3px' : ''}`)
  }
  lines.push('')
  return lines.join('\n')
}
