// The six languages in the browser (issue 18): for each language, the sign-in page (signed out,
// language from Accept-Language), the dashboard, a list, a form and an error page, at phone and
// desktop width. Each view must be in its language and direction, axe-clean, and, in Arabic,
// mirrored: the brand at the right edge, table columns from right to left. Screenshots go to
// tests/browser/screenshots/ to be looked at.
//
//   cargo build && (cd tests/browser && npm ci && node languages.mjs)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { axe, chooseLanguage, launch, root, signIn, startDemo, widths } from './portal.mjs';

const languages = (process.env.LANGS ?? 'en,fr,es,ar,zh,ru').split(',');
const shots = join(root, 'tests/browser/screenshots');
mkdirSync(shots, { recursive: true });

const pages = [
  { name: 'dashboard', path: '/', status: 200 },
  { name: 'list', path: '/needs', status: 200, table: true },
  { name: 'form', path: '/messages/new', status: 200 },
  { name: 'error', path: '/no-such-page', status: 404 },
];

const failures = [];
const fail = (view, what) => failures.push(`${view}: ${what}`);

// Checks one rendered view: language, direction, mirroring, axe. Takes its screenshot.
async function check(page, view, lang, width, expect) {
  const rtl = lang === 'ar';
  const facts = await page.evaluate(() => {
    const brand = document.querySelector('.brand')?.getBoundingClientRect();
    const bar = document.querySelector('.site-header .bar')?.getBoundingClientRect();
    const headers = [...document.querySelectorAll('main table thead th')]
      .filter((th) => th.offsetParent !== null)
      .map((th) => th.getBoundingClientRect().left);
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      brandLeft: brand && bar ? brand.left - bar.left : undefined,
      brandRight: brand && bar ? bar.right - brand.right : undefined,
      headers,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      h1: document.querySelector('h1')?.textContent.trim(),
    };
  });
  if (facts.lang !== lang) fail(view, `html lang is ${facts.lang}`);
  if (facts.dir !== (rtl ? 'rtl' : 'ltr') || facts.direction !== (rtl ? 'rtl' : 'ltr')) {
    fail(view, `direction is ${facts.dir}/${facts.direction}`);
  }
  if (!facts.h1) fail(view, 'no heading');
  if (facts.brandLeft === undefined) fail(view, 'no brand in the header');
  else if (rtl ? facts.brandRight > 24 : facts.brandLeft > 24) {
    // Measured inside the header's bar, which is centred on a wide screen.
    fail(view, `the brand is not at the ${rtl ? 'right' : 'left'} edge (${facts.brandLeft}, ${facts.brandRight} from the edges)`);
  }
  if (expect.table) {
    if (facts.headers.length < 2) fail(view, 'the list has no table columns');
    else if (rtl ? facts.headers[0] <= facts.headers.at(-1) : facts.headers[0] >= facts.headers.at(-1)) {
      fail(view, `table columns do not run ${rtl ? 'right to left' : 'left to right'}`);
    }
  }
  if (facts.overflow > 1) fail(view, `scrolls sideways by ${facts.overflow}px`);
  for (const violation of await axe(page)) fail(view, `axe ${violation}`);
  await page.screenshot({ path: join(shots, `${view.replaceAll(' ', '-')}.png`), fullPage: true });
}

const demo = await startDemo();
const browser = await launch();
try {
  const email = 'focal.ken@demo.example.org';
  const { password } = demo.accounts[email] ?? {};
  if (!password) throw new Error(`the demo printed no password for ${email}`);
  for (const [widthName, viewport] of widths) {
    // Signed out: Accept-Language chooses.
    for (const lang of languages) {
      const context = await browser.newContext({ viewport, locale: lang, bypassCSP: true });
      const page = await context.newPage();
      const response = await page.goto(`${demo.base}/login`);
      const view = `${lang} signin ${widthName}`;
      if (response.status() !== 200) fail(view, `status ${response.status()}`);
      await check(page, view, lang, viewport.width, {});
      await context.close();
    }
    // Signed in: the language saved through the switcher.
    const context = await browser.newContext({ viewport, locale: 'en', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, demo.base, email, password);
    for (const lang of languages) {
      await chooseLanguage(page, lang);
      for (const expect of pages) {
        const view = `${lang} ${expect.name} ${widthName}`;
        const response = await page.goto(`${demo.base}${expect.path}`);
        if (response.status() !== expect.status) fail(view, `status ${response.status()}, not ${expect.status}`);
        await check(page, view, lang, viewport.width, expect);
      }
      console.log(`checked ${lang} at ${widthName} width`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await demo.stop();
}
if (failures.length > 0) {
  console.error(`${failures.length} problem(s):\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`all views pass; screenshots in ${shots}`);
