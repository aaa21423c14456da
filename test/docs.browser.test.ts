import { existsSync } from 'node:fs'
import t from 'tap'
import { chromium } from 'playwright-core'
import { buildTestApp } from './helper.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

t.test('/docs in a real browser shows and runs the topics endpoint', async (t) => {
  if (!existsSync(CHROMIUM)) {
    // Not a skip: a browser test that quietly does not run would hide a broken /docs.
    t.fail(`Chromium not found at ${CHROMIUM}: install it with apt-get install -y chromium (.ci/run does)`)
    return
  }
  const app = await buildTestApp(t)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking']
  })
  t.teardown(() => browser.close())
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
  page.on('pageerror', (error) => problems.push(error.message))
  const externalRequests: string[] = []
  page.on('request', (request) => { if (!request.url().startsWith(address)) externalRequests.push(request.url()) })

  await page.goto(`${address}/docs`)
  const topicsOperation = page.locator('.opblock-summary-path', { hasText: /^\/v1\/topics$/ })
  await topicsOperation.waitFor({ timeout: 20_000 })
  const paths = await page.locator('.opblock-summary-path').allTextContents()
  t.ok(paths.includes('/v1/topics'), `operations shown: ${paths.join(', ')}`)
  t.ok(paths.includes('/v1/topics/{slug}'))

  // Run the operation from the page: proves the CSP lets the reference call the API.
  await topicsOperation.click()
  await page.getByRole('button', { name: 'Try it out' }).click()
  await page.getByRole('button', { name: 'Execute' }).click()
  const status = page.locator('.live-responses-table .response .response-col_status').first()
  await status.waitFor({ timeout: 20_000 })
  t.equal((await status.textContent())?.trim(), '200')
  const body = await page.locator('.live-responses-table .response-col_description pre').first().textContent()
  t.match(body, '"slug": "how-qubes-works"')
  await page.screenshot({ path: process.env.DOCS_SCREENSHOT ?? '/tmp/qubes-guide-api-docs.png', fullPage: false })

  t.same(problems.filter((text) => /Content Security Policy|Refused/i.test(text)), [], 'no CSP violations')
  t.same(externalRequests, [], 'nothing is loaded from another origin')
})
