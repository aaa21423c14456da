import type { LayoutGraph, Qube } from '../model.js'
import { type Finding, SOURCES } from './finding.js'

/** One warning per template that qubes use but the layout does not list, naming those qubes. */
function outsideTemplateFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
  const users = new Map<string, string[]>()
  for (const qube of graph.qubes) {
    if (qube.template !== null && qube.class !== 'TemplateVM' && !byName.has(qube.template)) {
      users.set(qube.template, [...(users.get(qube.template) ?? []), qube.name])
    }
  }
  return [...users].map(([template, names]) => ({
    code: 'template-not-in-layout',
    severity: 'warning' as const,
    qube: names[0] ?? null,
    message: {
      en: `the template ${template} (used by ${names.join(', ')}) is not part of the layout; it must be installed already`,
      ru: `Шаблона ${template} (его используют ${names.join(', ')}) нет в схеме; он должен быть уже установлен`
    },
    source: SOURCES.templates
  }))
}

/** Checks templates, disposables and default disposable templates. */
export function templateFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
  const findings: Finding[] = outsideTemplateFindings(graph, byName)
  for (const qube of graph.qubes) {
    if (qube.class === 'TemplateVM' && qube.template !== null) {
      findings.push({
        code: 'template-has-template',
        severity: 'error',
        qube: qube.name,
        message: { en: `the template ${qube.name} cannot itself have a template`, ru: `У шаблона ${qube.name} не может быть своего шаблона` },
        source: SOURCES.templates
      })
    }
    if ((qube.class === 'AppVM' || qube.class === 'DispVM') && qube.template === null) {
      findings.push({
        code: 'missing-template',
        severity: 'error',
        qube: qube.name,
        message: { en: `${qube.name} is a ${qube.class} and needs a template`, ru: `${qube.name} — это ${qube.class}, ему нужен шаблон` },
        source: qube.class === 'DispVM' ? SOURCES.disposables : SOURCES.templates
      })
    }
    if (qube.disposableTemplate && qube.class !== 'AppVM' && qube.class !== 'StandaloneVM') {
      findings.push({
        code: 'disposable-template-wrong-class',
        severity: 'error',
        qube: qube.name,
        message: { en: `${qube.name} is a ${qube.class}; only app qubes can be disposable templates`, ru: `${qube.name} — это ${qube.class}; шаблоном одноразовых кьюбов может быть только прикладной кьюб` },
        source: SOURCES.disposables
      })
    }
    const template = qube.template === null ? undefined : byName.get(qube.template)
    if (template !== undefined && qube.class === 'AppVM' && template.class !== 'TemplateVM') {
      findings.push({
        code: 'template-not-template',
        severity: 'error',
        qube: qube.name,
        message: { en: `${qube.name} uses ${template.name} as its template, but ${template.name} is a ${template.class}, not a TemplateVM`, ru: `${qube.name} использует ${template.name} как шаблон, но ${template.name} — это ${template.class}, а не TemplateVM` },
        source: SOURCES.templates
      })
    }
    if (template !== undefined && qube.class === 'DispVM' && !template.disposableTemplate) {
      findings.push({
        code: 'dispvm-template-not-disposable-template',
        severity: 'error',
        qube: qube.name,
        message: {
          en: `the disposable ${qube.name} is based on ${template.name}, which is not a disposable template (template_for_dispvms is off)`,
          ru: `Одноразовый кьюб ${qube.name} основан на ${template.name}, но тот не является шаблоном одноразовых кьюбов (template_for_dispvms выключен)`
        },
        source: SOURCES.disposables
      })
    }
    if (qube.defaultDispvm !== null) {
      const dispvm = byName.get(qube.defaultDispvm)
      if (dispvm === undefined || !dispvm.disposableTemplate) {
        findings.push({
          code: 'default-dispvm-not-disposable-template',
          severity: 'error',
          qube: qube.name,
          message: {
            en: `${qube.name} opens disposables from ${qube.defaultDispvm}, which is ${dispvm === undefined ? 'not in the layout' : 'not a disposable template'}`,
            ru: `${qube.name} открывает одноразовые кьюбы из ${qube.defaultDispvm}, но ${dispvm === undefined ? 'его нет в схеме' : 'он не является шаблоном одноразовых кьюбов'}`
          },
          source: SOURCES.disposables
        })
      }
    }
  }
  return findings
}
