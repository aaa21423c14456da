import { rmSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadContent } from '../../src/content/load-content.js'
import { contentIssuesOf, copyOfData, DATA_DIR, editFile } from '../helper.js'

t.test('the real threat-model content is complete and bilingual', async (t) => {
  const { threatModels } = loadContent(DATA_DIR)
  t.equal(threatModels.threats.length, 9)
  t.ok(threatModels.activities.length >= 9)
  t.equal(threatModels.questions.length, 5)
  t.ok(threatModels.practices.length >= 20)
  for (const practice of threatModels.practices) {
    t.ok(practice.sources.length > 0 && practice.residualRisks.length > 0 && practice.mitigates.length > 0, practice.id)
    t.match(practice.title.ru, /[а-яё]/i, `${practice.id} has a Russian title`)
  }
  t.ok(threatModels.rules.practiceRules.length > 5)
})

t.test('references and rules are checked across files', async (t) => {
  const data = copyOfData(t)
  editFile(join(data, 'practices', 'tor-bridges.yaml'), (text) => text.replace(/^activities: .*$/m, 'activities: [knitting]').replace(/^relatedLayouts: .*$/m, 'relatedLayouts: [no-layout]'))
  editFile(join(data, 'rules.yaml'), (text) => text
    .replace('defaultLayout: default-install', 'defaultLayout: nowhere')
    .replace('      tor-bridges: 7\n      tor-through-whonix: 3', '      tor-bridgez: 7\n      tor-through-whonix: 3')
    .replace('when: { activities: [banking] }\n    raise', 'when: { activities: [knitting] }\n    raise'))
  const issues = contentIssuesOf(data)
  t.ok(issues.includes('data/practices/tor-bridges.yaml: activities[0]: unknown activity "knitting"'), issues.join('\n'))
  t.ok(issues.includes('data/practices/tor-bridges.yaml: relatedLayouts[0]: unknown layout "no-layout"'))
  t.ok(issues.includes('data/rules.yaml: defaultLayout: unknown layout "nowhere"'))
  t.ok(issues.some((issue) => /^data\/rules\.yaml: practiceRules\[\d+\]\.raise\.tor-bridgez: unknown practice "tor-bridgez"$/.test(issue)))
  t.ok(issues.some((issue) => /^data\/rules\.yaml: practiceRules\[\d+\]\.when\.activities\[0\]: unknown activity "knitting"$/.test(issue)))
})

t.test('missing files and a missing threat are reported', async (t) => {
  const data = copyOfData(t)
  rmSync(join(data, 'questions.yaml'))
  editFile(join(data, 'threats.yaml'), (text) => text.replace(/- id: censorship[\s\S]*$/, ''))
  const issues = contentIssuesOf(data)
  t.ok(issues.includes('data/questions.yaml: (file): is missing'), issues.join('\n'))
  t.ok(issues.includes('data/threats.yaml: (file): threat "censorship" is missing'))
})
