import { renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadContent } from '../../src/content/load-content.js'
import { LIMITS } from '../../src/content/limits.js'
import { SEED_SECTIONS } from '../../src/content/schemas.js'
import { contentIssuesOf, copyOfData, DATA_DIR, editFile, ROOT } from '../helper.js'

t.test('the real guide content is valid, bilingual and covers the seed page', async (t) => {
  const content = loadContent(DATA_DIR, ROOT)
  t.ok(content.topics.length >= 15, `${content.topics.length} topics`)
  t.match(content.contentHash, /^[0-9a-f]{64}$/)
  const slugs = content.topics.map((topic) => topic.slug)
  for (const required of ['how-qubes-works', 'why-use-qubes', 'copying-text', 'file-exchange', 'inter-qube-communication',
    'tor-via-vpn', 'further-resources', 'qube-types', 'templates', 'disposables', 'labels', 'net-qubes-and-firewall',
    'split-gpg', 'usb-qube', 'updates-over-tor', 'threat-modelling']) {
    t.ok(slugs.includes(required), `topic ${required} exists`)
  }
  t.same(new Set(content.topics.flatMap((topic) => topic.seedSection ?? [])), new Set(SEED_SECTIONS), 'every seed section is a topic')
  for (const topic of content.topics) {
    t.ok(topic.sources.length > 0, `${topic.slug} cites sources`)
    t.equal(topic.qubesRelease, '4.3')
    t.match(topic.texts.ru.title + topic.texts.ru.summary, /[а-яё]/i, `${topic.slug} is written in Russian`)
    t.ok(topic.texts.en.sections.length >= 2, `${topic.slug} has sections`)
  }
  const corrected = content.topics.filter((topic) => topic.corrections.length > 0).map((topic) => topic.slug)
  t.ok(corrected.includes('copying-text'), 'the qvm-copy-to-vm claim is corrected')
  t.ok(corrected.includes('file-exchange'), 'the "no persistent filesystem" claim is corrected')
  const copying = content.topics.find((topic) => topic.slug === 'copying-text')
  t.match(copying?.corrections[0]?.claim.en, 'qvm-copy-to-vm')
  t.match(copying?.corrections[0]?.source.url, /^https:\/\/doc\.qubes-os\.org\//)
})

t.test('the content hash changes with the content and only with it', async (t) => {
  const data = copyOfData(t)
  const before = loadContent(data).contentHash
  t.equal(loadContent(data).contentHash, before, 'same files, same hash')
  editFile(join(data, 'topics', 'labels', 'en.md'), (text) => text + '\nOne more line.\n')
  t.not(loadContent(data).contentHash, before)
})

t.test('schema problems are reported as file: field: message', async (t) => {
  const data = copyOfData(t)
  editFile(join(data, 'topics', 'labels', 'topic.yaml'), (text) => text
    .replace(/^order: .*$/m, 'order: "first"')
    .replace(/^qubesRelease: .*$/m, 'qubesRelease: four')
    .concat('\ncolour: red\n'))
  editFile(join(data, 'topics', 'labels', 'ru.md'), (text) => text.replace(/^title: .*$/m, ''))
  editFile(join(data, 'topics', 'disposables', 'topic.yaml'), (text) => text.replace(/url: \S+/, 'url: not-a-url'))
  const issues = contentIssuesOf(data)
  t.ok(issues.includes('data/topics/labels/topic.yaml: order: must be integer'), issues.join('\n'))
  t.ok(issues.includes('data/topics/labels/topic.yaml: qubesRelease: must match pattern "^[0-9]+\\.[0-9]+$"'), issues.join('\n'))
  t.ok(issues.includes('data/topics/labels/topic.yaml: colour: is not a known field'))
  t.ok(issues.includes('data/topics/labels/ru.md: title: is required'), 'a locale missing a required field')
  t.ok(issues.some((issue) => issue.startsWith('data/topics/disposables/topic.yaml: sources[0].url: ')), 'a source without a URL')
})

t.test('references across files are checked', async (t) => {
  const data = copyOfData(t)
  editFile(join(data, 'topics', 'labels', 'topic.yaml'), (text) => text.replace(/^related:.*$/m, 'related: [no-such-topic, labels]'))
  editFile(join(data, 'topics', 'usb-qube', 'topic.yaml'), (text) => text.replace(/^order: .*$/m, 'order: 10'))
  const issues = contentIssuesOf(data)
  t.ok(issues.includes('data/topics/labels/topic.yaml: related[0]: unknown topic slug "no-such-topic"'), issues.join('\n'))
  t.ok(issues.includes('data/topics/labels/topic.yaml: related[1]: a topic cannot be related to itself'))
  t.ok(issues.some((issue) => /^data\/topics\/(usb-qube|how-qubes-works)\/topic\.yaml: order: 10 is already used by topic "/.test(issue)))
})

t.test('a missing translation, stray files and bad folder names are reported', async (t) => {
  const data = copyOfData(t)
  rmSync(join(data, 'topics', 'labels', 'ru.md'))
  renameSync(join(data, 'topics', 'split-gpg', 'en.md'), join(data, 'topics', 'split-gpg', 'en.MD'))
  mkdirSync(join(data, 'topics', 'Bad_Slug'))
  writeFileSync(join(data, 'topics', 'notes.txt'), 'stray')
  const issues = contentIssuesOf(data)
  t.ok(issues.includes('data/topics/labels/ru.md: (file): is missing'), issues.join('\n'))
  t.ok(issues.includes('data/topics/split-gpg/en.md: (file): is missing'))
  t.ok(issues.some((issue) => issue.startsWith('data/topics/split-gpg/en.MD: (file): is not expected here')))
  t.ok(issues.includes('data/topics/Bad_Slug: slug: folder name "Bad_Slug" is not a valid slug (lowercase ASCII kebab-case)'))
  t.ok(issues.some((issue) => issue.startsWith('data/topics/notes.txt: (file): is not expected here')))
})

t.test('anchors must match across languages and headings must carry them', async (t) => {
  const data = copyOfData(t)
  editFile(join(data, 'topics', 'labels', 'ru.md'), (text) => text.replace(/\{#([a-z0-9-]+)\}/, '{#renamed-$1}'))
  editFile(join(data, 'topics', 'templates', 'en.md'), (text) => text + '\n## A heading without anchor\n\nText.\n')
  const issues = contentIssuesOf(data)
  t.ok(issues.some((issue) => issue.startsWith('data/topics/labels/ru.md: body: section anchors [renamed-')), issues.join('\n'))
  t.ok(issues.includes('data/topics/templates/en.md: body: heading "A heading without anchor" has no {#anchor}'))
})

t.test('front matter and YAML syntax errors are reported per file', async (t) => {
  const data = copyOfData(t)
  writeFileSync(join(data, 'topics', 'labels', 'topic.yaml'), 'order: [1, 2\n')
  writeFileSync(join(data, 'topics', 'templates', 'en.md'), 'no front matter here\n')
  writeFileSync(join(data, 'topics', 'disposables', 'ru.md'), '---\ntitle: Т\nsummary: С.\n---\n   \n')
  const issues = contentIssuesOf(data)
  t.ok(issues.some((issue) => issue.startsWith('data/topics/labels/topic.yaml: (file): is not valid YAML: ')), issues.join('\n'))
  t.ok(issues.includes('data/topics/templates/en.md: (front matter): the file must start with a front matter block between two --- lines'))
  t.ok(issues.includes('data/topics/disposables/ru.md: body: is empty'))
})

t.test('superseded topics must name an existing replacement', async (t) => {
  const data = copyOfData(t)
  editFile(join(data, 'topics', 'labels', 'topic.yaml'), (text) => text + '\nstatus: superseded\n')
  editFile(join(data, 'topics', 'templates', 'topic.yaml'), (text) => text + '\nsupersededBy: labels\n')
  editFile(join(data, 'topics', 'disposables', 'topic.yaml'), (text) => text + '\nstatus: superseded\nsupersededBy: gone-topic\n')
  const issues = contentIssuesOf(data)
  t.ok(issues.includes('data/topics/labels/topic.yaml: supersededBy: is required when status is superseded'), issues.join('\n'))
  t.ok(issues.includes('data/topics/templates/topic.yaml: supersededBy: is only allowed when status is superseded'))
  t.ok(issues.includes('data/topics/disposables/topic.yaml: supersededBy: unknown topic slug "gone-topic"'))
})

t.test('an empty or missing topics folder is an error', async (t) => {
  const data = copyOfData(t)
  rmSync(join(data, 'topics'), { recursive: true })
  t.same(contentIssuesOf(data), ['data/topics: (folder): does not exist or cannot be read'])
  mkdirSync(join(data, 'topics'))
  t.ok(contentIssuesOf(data).includes('data/topics: (folder): holds no topics'))
})

t.test('content past the bounds the API documents is refused, not served', async (t) => {
  const data = copyOfData(t)
  const longId = 'a'.repeat(LIMITS.id + 1)
  editFile(join(data, 'topics', 'labels', 'en.md'), (text) => `${text}\n${'word '.repeat(LIMITS.body / 5)}\n`)
  editFile(join(data, 'topics', 'templates', 'en.md'), (text) => `${text}\n## ${'Long '.repeat(LIMITS.title / 5 + 1)}{#${longId}}\n\nText.\n`)
  editFile(join(data, 'topics', 'disposables', 'topic.yaml'), (text) => text.replace(/title: .*/, `title: ${'t'.repeat(LIMITS.title + 1)}`))
  editFile(join(data, 'practices', 'split-gpg.yaml'), (text) => text.replace(/^ {2}en: .*$/m, `  en: ${'t'.repeat(LIMITS.title + 1)}`))
  editFile(join(data, 'layouts', 'journalist.yaml'), (text) => text.replace(/^ {2}- en: .*$/m, `  - en: ${'n'.repeat(LIMITS.text + 1)}`))
  renameSync(join(data, 'topics', 'usb-qube'), join(data, 'topics', longId))
  renameSync(join(data, 'practices', 'usb-qube.yaml'), join(data, 'practices', `${longId}.yaml`))
  const issues = contentIssuesOf(data)
  const expected = [
    new RegExp(`^data/topics/labels/en\\.md: body: is \\d+ characters long; at most ${LIMITS.body} are allowed$`),
    new RegExp(`^data/topics/templates/en\\.md: body: heading "Long Long .*…" is longer than ${LIMITS.title} characters$`),
    new RegExp(`^data/topics/templates/en\\.md: body: heading "Long .*" has an anchor longer than ${LIMITS.id} characters$`),
    new RegExp(`^data/topics/disposables/topic\\.yaml: sources\\[0\\]\\.title: must not have more than ${LIMITS.title} characters$`),
    new RegExp(`^data/practices/split-gpg\\.yaml: title\\.en: must not have more than ${LIMITS.title} characters$`),
    new RegExp(`^data/layouts/journalist\\.yaml: notes\\[0\\]\\.en: must not have more than ${LIMITS.text} characters$`),
    new RegExp(`^data/topics/${longId}: slug: folder name "${longId}" is longer than ${LIMITS.id} characters$`),
    new RegExp(`^data/practices/${longId}\\.yaml: \\(file\\): the id in the file name is longer than ${LIMITS.id} characters$`)
  ]
  for (const pattern of expected) t.ok(issues.some((issue) => pattern.test(issue)), String(pattern))
})
