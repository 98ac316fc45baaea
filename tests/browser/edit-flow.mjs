// The editing flow in a real browser: headless Chromium driven by playwright-core, with
// axe-core accessibility checks on every page visited.
//
//   node tests/browser/edit-flow.mjs <base-url> <editor-email> <editor-password> <out-dir>
//
// Each argument may instead come from the environment: KOLO_BASE_URL, KOLO_EDITOR_EMAIL,
// KOLO_EDITOR_PASSWORD, KOLO_BROWSER_OUT. The browser is Debian's Chromium (/usr/bin/chromium,
// or $KOLO_CHROMIUM); nothing is downloaded.
//
// The editor must be allowed to edit the Novopskov museum of the demo data. The script:
//   1. opens the home page in Kazakh and checks the language;
//   2. switches to Ukrainian with the language switcher and checks the choice is remembered;
//   3. signs in;
//   4. changes the museum's Ukrainian description through the edit form, and opens the
//      programme draft of an event the museum hosts and its item forms;
//   5. checks, as an anonymous visitor in a fresh browser context, that the change is public;
//   6. opens one of the museum's objects (its images page gained a picture in step 4) and
//      waits for the deep-zoom viewer to draw from IIIF tiles.
// Every step logs a line and saves a screenshot in <out-dir>; axe-core checks every page
// visited (WCAG 2.x A/AA rules) and the results go to <out-dir>/axe-report.json. The exit code
// is 0 only when every check passed and axe found no serious or critical violation.
// Used by crates/kolo/tests/browser.rs.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OVERALL_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 15_000;
const INSTITUTION = 'novopskov-museum';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

const [baseArg, emailArg, passwordArg, outArg] = process.argv.slice(2);
const baseUrl = (baseArg ?? process.env.KOLO_BASE_URL ?? '').replace(/\/+$/, '');
const email = emailArg ?? process.env.KOLO_EDITOR_EMAIL;
const password = passwordArg ?? process.env.KOLO_EDITOR_PASSWORD;
const outDir = outArg ?? process.env.KOLO_BROWSER_OUT;
if (!baseUrl || !email || !password || !outDir) {
  console.error('usage: node edit-flow.mjs <base-url> <editor-email> <editor-password> <out-dir>');
  process.exit(64);
}
mkdirSync(outDir, { recursive: true });

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A message from the site's own translations (the simple `id = value` lines of main.ftl). */
function translation(lang, id) {
  const file = join(repoRoot, 'crates/kolo-web/locales', lang, 'main.ftl');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^([A-Za-z][\w-]*)\s*=\s*(.*\S)\s*$/);
    if (m && m[1] === id) return m[2];
  }
  throw new Error(`${file} has no single-line message "${id}"`);
}

const url = (path) => `${baseUrl}${path}`;
// A 16x12 PNG for the upload step.
const SMALL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAAQ0lEQVR42mNgYGAQEBBQUFAwMDBwcHAICAhISEgoKChoaGiYMGHCggULNmzYcODAgQsXLjx48ODDhw8MoxpGNWDXAAAw7w4Qjy3ZogAAAABJRU5ErkJggg==';
// The object whose images the editor changes and whose viewer the visitor opens.
let objectId;
const pathOf = (page) => new URL(page.url()).pathname;

class CheckFailed extends Error {}
function check(ok, message) {
  if (!ok) throw new CheckFailed(message);
}

let browser;
let finished = false;
const violations = []; // serious and critical, for the summary
const axeReport = []; // everything axe said, per page
const pageProblems = []; // uncaught script errors and CSP refusals in the flow

// Never hang: after the overall timeout, close the browser and fail.
const watchdog = setTimeout(async () => {
  if (finished) return;
  console.error(`[edit-flow] FAILED: still running after ${OVERALL_TIMEOUT_MS / 1000} s, giving up`);
  await Promise.race([browser?.close(), new Promise((r) => setTimeout(r, 5_000))]).catch(() => {});
  process.exit(124);
}, OVERALL_TIMEOUT_MS);

let shot = 0;
async function screenshot(page, name) {
  shot += 1;
  const file = join(outDir, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function step(text) {
  console.log(`[edit-flow] ${text}`);
}

/** Records what the browser itself complains about on the flow's pages. */
function watch(page) {
  page.on('pageerror', (err) => pageProblems.push(`${page.url()}: uncaught ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
      pageProblems.push(`${page.url()}: ${msg.text()}`);
    }
  });
}

async function run() {
  const executablePath = process.env.KOLO_CHROMIUM || '/usr/bin/chromium';
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  step(`browser: Chromium ${browser.version()} (${executablePath}); site: ${baseUrl}; screenshots: ${outDir}`);

  // The flow runs with the site's Content-Security-Policy enforced, as visitors get it.
  const context = await browser.newContext();
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  watch(page);

  // axe-core runs in a context of its own, with bypassCSP: the site's CSP (script-src 'self')
  // refuses the inline <script> that addScriptTag injects. Only this context bypasses the CSP,
  // so the flow above still proves the pages work under it. Before each scan it takes the
  // flow's cookies (session, language), so it sees each page as the flow saw it.
  const axeContext = await browser.newContext({ bypassCSP: true });
  axeContext.setDefaultTimeout(STEP_TIMEOUT_MS);
  const axePage = await axeContext.newPage();

  async function audit(label, path, fromContext) {
    await axeContext.clearCookies();
    await axeContext.addCookies(await fromContext.cookies());
    await axePage.emulateMedia({ colorScheme: 'light' });
    const res = await axePage.goto(url(path));
    check(res && res.ok(), `axe: ${path} answered ${res?.status()}`);
    await axePage.addScriptTag({ path: axePath });
    const scans = [
      ['light', { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations', 'incomplete'] }],
      // The stylesheet has a dark palette too: check its contrast as well.
      ['dark', { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'incomplete'] }],
    ];
    const counts = [];
    for (const [scheme, options] of scans) {
      await axePage.emulateMedia({ colorScheme: scheme });
      const result = await axePage.evaluate((opts) => window.axe.run(document, opts), options);
      const where = scheme === 'light' ? label : `${label} (dark colour scheme)`;
      check(result.passes.length + result.violations.length > 0, `axe checked nothing on ${where}`);
      axeReport.push({
        page: where,
        url: url(path),
        passed: result.passes.map((r) => r.id),
        // "Needs review": axe could not decide (e.g. text over an image); not a failure.
        incomplete: result.incomplete.map((r) => ({ id: r.id, impact: r.impact, targets: r.nodes.map((n) => n.target.join(' ')) })),
        violations: result.violations,
      });
      for (const v of result.violations) {
        if (FAILING_IMPACTS.has(v.impact)) {
          violations.push({
            page: where,
            url: url(path),
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
          });
        }
      }
      counts.push(`${scheme}: ${result.passes.length} rule(s) passed, ${result.violations.length} violated`);
    }
    step(`   axe on ${label}: ${counts.join(', ')}`);
  }

  // 1. Home page in Kazakh.
  const kkInstitutions = translation('kk', 'nav-institutions');
  const ukInstitutions = translation('uk', 'nav-institutions');
  let res = await page.goto(url('/?lang=kk'));
  check(res.ok(), `/?lang=kk answered ${res.status()}`);
  check((await page.getAttribute('html', 'lang')) === 'kk', `/?lang=kk: <html lang="${await page.getAttribute('html', 'lang')}">, expected "kk"`);
  const nav = page.locator('nav.main-nav');
  check(await nav.getByText(kkInstitutions, { exact: true }).isVisible(), `/?lang=kk: the navigation does not show "${kkInstitutions}"`);
  step(`1. home page in Kazakh: <html lang="kk">, navigation shows "${kkInstitutions}" -> ${await screenshot(page, 'home-kk')}`);
  await audit('home (kk)', '/?lang=kk', context);

  // 2. Switch to Ukrainian with the language switcher; the choice is remembered in a cookie.
  await page.locator('nav.lang-switch a[hreflang="uk"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'uk');
  check(await nav.getByText(ukInstitutions, { exact: true }).isVisible(), `after switching: the navigation does not show "${ukInstitutions}"`);
  const langCookie = (await context.cookies(baseUrl)).find((c) => c.name === 'lang');
  check(langCookie?.value === 'uk', `after switching: cookie lang=${langCookie?.value}, expected uk`);
  step(`2a. switched to Ukrainian: <html lang="uk">, cookie lang=uk -> ${await screenshot(page, 'home-uk')}`);
  await audit('home (uk)', pathOf(page) + new URL(page.url()).search, context);
  res = await page.goto(url('/institutions'));
  check(res.ok(), `/institutions answered ${res.status()}`);
  check((await page.getAttribute('html', 'lang')) === 'uk', `/institutions without ?lang=: <html lang="${await page.getAttribute('html', 'lang')}">, expected the remembered "uk"`);
  step(`2b. /institutions without ?lang= is still Ukrainian -> ${await screenshot(page, 'institutions-uk')}`);
  await audit('institutions (uk)', '/institutions', context);
  for (const path of ['/exhibitions', '/exhibitions/novopskov-festive-costume', '/exhibitions/golden-man-world-tour', '/stories?series=the-exhibit-tells']) {
    await audit(`${path} (uk)`, path, context);
  }

  // 3. Sign in.
  res = await page.goto(url('/login'));
  check(res.ok(), `/login answered ${res.status()}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  step(`3a. sign-in form filled for ${email} -> ${await screenshot(page, 'login')}`);
  await audit('sign-in form', '/login', context);
  const signOut = page.locator('form[action="/logout"] button');
  await page.locator('form[action="/login"] button[type="submit"]').click();
  // Either the signed-in header or the form again with an error.
  const landed = await page
    .locator('form[action="/logout"] button, [role="alert"]')
    .first()
    .waitFor()
    .then(() => true, () => false);
  if (!landed || !(await signOut.isVisible())) {
    const alert = (await page.locator('[role="alert"]').allTextContents()).join(' | ').trim();
    const title = await page.title().catch(() => '');
    await screenshot(page, 'login-failed');
    throw new CheckFailed(
      `signing in as ${email} failed: the browser is at ${pathOf(page)} ("${title}") without a sign-out button` +
        (alert ? `; the page says "${alert}"` : ''),
    );
  }
  step(`3b. signed in, now at ${pathOf(page)} (the header has a sign-out button) -> ${await screenshot(page, 'signed-in')}`);
  if (pathOf(page) !== '/login') {
    await audit(`after sign-in (${pathOf(page)})`, pathOf(page), context);
  }

  // 4. Change the Ukrainian description through the edit form.
  const editPath = `/institutions/${INSTITUTION}/edit`;
  const text = `Перевірка браузером ${new Date().toISOString()} (${process.pid}): опис змінено через форму редагування.`;
  res = await page.goto(url(editPath));
  check(res.ok(), `${editPath} answered ${res.status()}`);
  check(pathOf(page) === editPath, `${editPath} led to ${pathOf(page)}`);
  const description = page.locator('[name="description.uk"]');
  await description.fill(text);
  step(`4a. edit form, Ukrainian description set to "${text}" -> ${await screenshot(page, 'edit-form')}`);
  await audit('edit form', editPath, context);
  const form = page.locator('form', { has: description });
  const submit = form.locator('button[type="submit"], button:not([type]), input[type="submit"]');
  check((await submit.count()) >= 1, `${editPath}: the form with description.uk has no submit button`);
  await submit.first().click();
  const publicPath = `/institutions/${INSTITUTION}`;
  try {
    await page.waitForURL((u) => u.pathname === publicPath);
  } catch {
    const alert = (await page.locator('[role="alert"], .notice.error, .error').allTextContents()).join(' | ');
    await screenshot(page, 'edit-failed');
    throw new CheckFailed(`after saving, expected ${publicPath} but the browser is at ${pathOf(page)}${alert ? `: "${alert}"` : ''}`);
  }
  await page.waitForLoadState('load');
  check(await page.getByText(text).first().isVisible(), `${publicPath}: the editor does not see the new description`);
  step(`4b. saved; back at ${publicPath}, the new description is shown -> ${await screenshot(page, 'saved')}`);
  await audit('institution page (uk, signed in)', publicPath, context);

  // 4c. The programme of an event the museum hosts: the draft with a link per item, and the
  // forms that add an item and edit one.
  const programmePath = '/events/inter-museum-diplomacy-2020/programme/edit';
  res = await page.goto(url(programmePath));
  check(res.ok(), `${programmePath} answered ${res.status()}`);
  const itemHref = await page.locator('ol.draft a[href$="/edit"]').first().getAttribute('href');
  check(itemHref, `${programmePath}: the draft has no item with an edit link`);
  step(`4c. programme draft with item links -> ${await screenshot(page, 'programme-draft')}`);
  await audit('programme draft (uk)', programmePath, context);
  const newItemPath = '/events/inter-museum-diplomacy-2020/programme/items/new';
  res = await page.goto(url(newItemPath));
  check(res.ok(), `${newItemPath} answered ${res.status()}`);
  check((await page.locator('[name="title.uk"]').count()) === 1, `${newItemPath}: no title.uk input`);
  step(`4d. new programme item form -> ${await screenshot(page, 'programme-item-new')}`);
  await audit('new programme item form (uk)', newItemPath, context);
  await audit('programme item edit form (uk)', itemHref, context);

  // 4e. An image added to one of the museum's objects from its images page.
  const listed = await (await page.request.get(url(`/api/v1/objects?institution=${INSTITUTION}&limit=1`))).json();
  objectId = listed.items?.[0]?.id;
  check(objectId, `/api/v1/objects?institution=${INSTITUTION}: no object`);
  const imagesPath = `/objects/${objectId}/images`;
  res = await page.goto(url(imagesPath));
  check(res.ok(), `${imagesPath} answered ${res.status()}`);
  const shown = await page.locator('ol.image-list > li').count();
  await page.setInputFiles('#f-file', { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(SMALL_PNG, 'base64') });
  await page.fill('[name="caption.uk"]', 'Фото з браузера');
  await page.locator(`form[action="${imagesPath}/upload"] button[type="submit"]`).click();
  await page.waitForURL((u) => u.pathname === imagesPath);
  await page.waitForLoadState('load');
  const now = await page.locator('ol.image-list > li').count();
  check(now === shown + 1, `${imagesPath}: ${now} image(s) after the upload, expected ${shown + 1}`);
  check(await page.getByText('Фото з браузера').first().isVisible(), `${imagesPath}: the new caption is not shown`);
  step(`4e. image uploaded on ${imagesPath}: ${shown} -> ${now} images -> ${await screenshot(page, 'object-images')}`);
  await audit('object images page (uk)', imagesPath, context);

  // 5. The change is public: a fresh, anonymous context sees it.
  const visitor = await browser.newContext();
  visitor.setDefaultTimeout(STEP_TIMEOUT_MS);
  const visitorPage = await visitor.newPage();
  watch(visitorPage);
  res = await visitorPage.goto(url(`${publicPath}?lang=uk`));
  check(res.ok(), `${publicPath}?lang=uk answered ${res.status()}`);
  check((await visitorPage.locator('form[action="/logout"]').count()) === 0, 'the fresh context is signed in');
  check(await visitorPage.getByText(text).first().isVisible(), `${publicPath}?lang=uk: an anonymous visitor does not see the new description`);
  step(`5. an anonymous visitor sees the new description on ${publicPath}?lang=uk -> ${await screenshot(visitorPage, 'public-uk')}`);
  await audit('institution page (uk, anonymous)', `${publicPath}?lang=uk`, visitor);
  // What events leave behind: a document with its recommendations, a programme's changelog.
  for (const [label, path] of [
    ['event page with a document (ru, anonymous)', '/events/bibliomodel-2022?lang=ru'],
    ['document page (ru, anonymous)', '/events/bibliomodel-2022/documents/resolution?lang=ru'],
    ['programme changes (en, anonymous)', '/events/ryazan-forum-central-libraries-2024/programme/changes?lang=en'],
  ]) {
    await audit(label, path, visitor);
  }

  // 6. The object page's deep-zoom viewer: OpenSeadragon, served by Kolo, draws the image
  // from its IIIF service (the page's own <img> fallback, !800,800 or max, is not counted).
  const objectPath = `/objects/${objectId}`;
  const viewerTile = /\/iiif\/3\/[0-9a-f]{32}\/(full|\d+,\d+,\d+,\d+)\/(?!!800,800\/|max\/)[^/]+\/0\/default\.jpg$/;
  const tile = visitorPage.waitForResponse((r) => viewerTile.test(new URL(r.url()).pathname) && r.ok());
  res = await visitorPage.goto(url(objectPath));
  check(res.ok(), `${objectPath} answered ${res.status()}`);
  await visitorPage.locator('.deep-zoom.deep-zoom-active canvas').first().waitFor();
  const tileUrl = (await tile).url();
  step(`6. ${objectPath}: the viewer drew a canvas from ${new URL(tileUrl).pathname} -> ${await screenshot(visitorPage, 'object-viewer')}`);
  await audit('object page with the viewer (anonymous)', objectPath, visitor);

  // 7. Search: the page works as a form; with scripts, typing offers titles as suggestions.
  res = await visitorPage.goto(url('/search?q=музей&lang=uk'));
  check(res.ok(), `/search answered ${res.status()}`);
  check((await visitorPage.locator('li.search-result').count()) > 0, '/search?q=музей found nothing');
  const box = visitorPage.locator('#search-q');
  await box.fill('');
  await box.pressSequentially('Golden', { delay: 30 });
  await visitorPage.waitForFunction(() => document.querySelectorAll('#search-suggestions option').length > 0);
  const offered = await visitorPage.locator('#search-suggestions option').first().getAttribute('value');
  step(`7. /search?q=музей lists results; typing "Golden" suggests "${offered}" -> ${await screenshot(visitorPage, 'search')}`);
  await audit('search page (uk, anonymous)', '/search?q=музей&lang=uk', visitor);
  await visitor.close();
}

let failure;
try {
  await run();
} catch (err) {
  failure = err instanceof CheckFailed ? err.message : err.stack || String(err);
} finally {
  finished = true;
  await Promise.race([browser?.close(), new Promise((r) => setTimeout(r, 10_000))]).catch(() => {});
  clearTimeout(watchdog);
}

writeFileSync(join(outDir, 'axe-report.json'), JSON.stringify(axeReport, null, 2) + '\n');

let failed = false;
if (failure) {
  failed = true;
  console.error(`[edit-flow] FAILED: ${failure}`);
}
if (pageProblems.length > 0) {
  failed = true;
  console.error(`[edit-flow] FAILED: the browser reported ${pageProblems.length} problem(s) on the site's pages:`);
  for (const p of pageProblems) console.error(`  - ${p}`);
}
if (violations.length > 0) {
  failed = true;
  console.error(`[edit-flow] FAILED: axe-core found ${violations.length} serious or critical violation(s):`);
  for (const v of violations) {
    console.error(`  - ${v.id} [${v.impact}] on ${v.page} (${v.url}): ${v.help}`);
    console.error(`    ${v.helpUrl}`);
    for (const n of v.nodes) {
      console.error(`      at ${n.target}`);
      if (n.summary) console.error(`         ${n.summary.replace(/\n/g, '\n         ')}`);
    }
  }
}
const minor = axeReport.reduce((n, r) => n + r.violations.filter((v) => !FAILING_IMPACTS.has(v.impact)).length, 0);
if (minor > 0) console.log(`[edit-flow] axe-core also found ${minor} moderate or minor issue(s); see axe-report.json`);
console.log(`[edit-flow] ${failed ? 'FAILED' : 'passed'}; screenshots and axe-report.json are in ${outDir}`);
process.exit(failed ? 1 : 0);
