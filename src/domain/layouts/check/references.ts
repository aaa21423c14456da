import { isLabelName, LABEL_NAMES, type LayoutGraph, type Qube, qubeNameProblem } from '../model.js'
import { type Finding, NAME_PROBLEMS, SOURCES } from './finding.js'

/** Checks names, labels and references of every qube. */
export function referenceFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
  const findings: Finding[] = []
  const counts = new Map<string, number>()
  for (const qube of graph.qubes) counts.set(qube.name, (counts.get(qube.name) ?? 0) + 1)
  for (const [name, count] of counts) {
    if (count > 1) {
      findings.push({
        code: 'duplicate-qube-name',
        severity: 'error',
        qube: name,
        message: { en: `${count} qubes are named ${name}; names must be unique`, ru: `Имя ${name} носят ${count} кьюба; имена должны быть уникальны` },
        source: SOURCES.names
      })
    }
  }
  if (!byName.has(graph.mainQube)) {
    findings.push({
      code: 'unknown-main-qube',
      severity: 'error',
      qube: graph.mainQube,
      message: { en: `the main qube ${graph.mainQube} is not in the layout`, ru: `Основного кьюба ${graph.mainQube} нет в схеме` },
      source: SOURCES.names
    })
  }
  for (const qube of graph.qubes) {
    const nameProblem = qubeNameProblem(qube.name)
    if (nameProblem !== undefined) {
      const why = NAME_PROBLEMS[nameProblem] ?? { en: nameProblem, ru: nameProblem }
      findings.push({
        code: 'invalid-qube-name',
        severity: 'error',
        qube: qube.name,
        message: { en: `Qubes would reject the name "${qube.name}": ${why.en}`, ru: `Qubes не примет имя «${qube.name}»: ${why.ru}` },
        source: SOURCES.names
      })
    }
    if (!isLabelName(qube.label)) {
      findings.push({
        code: 'invalid-label',
        severity: 'error',
        qube: qube.name,
        message: {
          en: `${qube.name} has the label "${qube.label}"; Qubes has only ${LABEL_NAMES.join(', ')}`,
          ru: `У ${qube.name} метка «${qube.label}», а в Qubes есть только ${LABEL_NAMES.join(', ')}`
        },
        source: SOURCES.labels
      })
    }
    if (qube.netvm !== null) {
      const netvm = byName.get(qube.netvm)
      if (netvm === undefined) {
        findings.push({
          code: 'unknown-netvm',
          severity: 'error',
          qube: qube.name,
          message: { en: `${qube.name} gets network from ${qube.netvm}, which is not in the layout`, ru: `${qube.name} получает сеть от ${qube.netvm}, которого нет в схеме` },
          source: SOURCES.network
        })
      } else if (!netvm.providesNetwork) {
        findings.push({
          code: 'netvm-not-network-provider',
          severity: 'error',
          qube: qube.name,
          message: {
            en: `${qube.name} gets network from ${netvm.name}, which does not provide network (set provides_network on it)`,
            ru: `${qube.name} получает сеть от ${netvm.name}, но тот не предоставляет сеть (у него не включено provides_network)`
          },
          source: SOURCES.network
        })
      }
      if (qube.class === 'TemplateVM') {
        findings.push({
          code: 'template-with-netvm',
          severity: 'warning',
          qube: qube.name,
          message: {
            en: `the template ${qube.name} has a netvm; templates are meant to stay offline and download updates through the updates proxy`,
            ru: `У шаблона ${qube.name} задан netvm; шаблоны должны оставаться без сети и получать обновления через прокси обновлений`
          },
          source: SOURCES.templates
        })
      }
    }
  }
  return findings
}
