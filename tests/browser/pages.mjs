// Every page as each role sees it (issue 16): signed in through the real form (with the
// two-factor code where the role needs one), the suite visits the navigation's pages and, from
// them, one page of each kind the links lead to (`/needs/<id>` once, not every need), at phone
// and desktop width (English; French too at desktop width), with axe run on each. A view
// fails on:
// - a status other than 200, or an axe finding rated serious or critical;
// - sideways scrolling, a checkbox not on its label's line;
// - a raw value: an ISO time (`2026-12-01T19:06`) or a size of 1 KB or more in bytes;
// - in French, an English word of the interface (labels, column heads, buttons, navigation).
// Screenshots go to tests/browser/screenshots/pages/.
//
//   cargo build && (cd tests/browser && npm ci && node pages.mjs)   # ROLES=coordinator for one
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { axe, chooseLanguage, launch, root, signIn, startDemo, widths } from './portal.mjs';

const roles = {
  state: 'focal.ken@demo.example.org',
  entity: 'focal.unodc@demo.example.org',
  coordinator: 'coordinator@demo.example.org',
  admin: 'admin@demo.example.org',
  observer: 'observer@demo.example.org',
};
const chosen = (process.env.ROLES ?? Object.keys(roles).join(',')).split(',');
const shots = join(root, 'tests/browser/screenshots/pages');
mkdirSync(shots, { recursive: true });

// Links not followed: they leave the page kind (files, feeds, exports) or act.
const skip = /^\/(logout|language|api\/|assets\/)|\.(csv|ics|xml|json)$|\/(content|download|attachments)(\/|$)|\/export|\/feed/;
// One page per kind: ids and codes become placeholders.
const kind = (path) => path
  .replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '/:id')
  .replace(/\/\d+(?=\/|$)/g, '/:n')
  .replace(/^\/(states|groups|admin\/organisations)\/[A-Za-z0-9_-]+/, '/$1/:code')
  .replace(/[?#].*$/, '');
const englishWords = /\b(Status|Title|Search|Apply filters|Sign out|Export as CSV|Previous|Next|Restricted|Member State|Priority|Save|Cancel|Upload|Send|Thematic area|Dashboard)\b/;

const failures = [];
const fail = (view, what) => failures.push(`${view}: ${what}`);

async function check(page, view, lang) {
  const facts = await page.evaluate(() => {
    const text = document.querySelector('main')?.innerText ?? '';
    const boxes = [...document.querySelectorAll('input[type=checkbox]')].filter((b) => b.offsetParent !== null);
    const misplaced = boxes.filter((box) => {
      const label = box.labels?.[0];
      if (!label) return false;
      const b = box.getBoundingClientRect();
      const l = label.getClientRects()[0];
      return l && (l.top > b.bottom || l.bottom < b.top);
    }).map((b) => b.id || b.name);
    const chrome = [...document.querySelectorAll('label, thead th, button, legend, nav a, summary')]
      .filter((e) => e.offsetParent !== null).map((e) => e.innerText.trim()).filter(Boolean);
    return {
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      iso: text.match(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)?.[0],
      // A size of a kilobyte or more written in bytes (a small file's "164 bytes" is right).
      bytes: text.match(/\b(\d{1,3}([,.\u00a0\u202f ]\d{3})+|\d{4,}) (bytes|octets)\b/)?.[0],
      misplaced,
      chrome,
      // Template syntax that leaked into the page (an unbalanced tag prints as text).
      leaked: document.body.innerHTML.match(/.{0,40}(\{%|%\}|\{\{|\}\}).{0,20}/)?.[0],
    };
  });
  if (facts.overflow > 1) fail(view, `scrolls sideways by ${facts.overflow}px`);
  if (facts.iso) fail(view, `raw time ${facts.iso}`);
  if (facts.leaked) fail(view, `template text in the page: ${facts.leaked}`);
  if (facts.bytes) fail(view, `size in bytes: ${facts.bytes}`);
  if (facts.misplaced.length) fail(view, `checkbox not beside its label: ${facts.misplaced.join(', ')}`);
  if (lang === 'fr') {
    const english = facts.chrome.filter((t) => englishWords.test(t));
    if (english.length) fail(view, `English in the French interface: ${english.slice(0, 5).join(' | ')}`);
  }
  for (const violation of await axe(page)) {
    if (/^(serious|critical) /.test(violation)) fail(view, `axe ${violation}`);
  }
}

const demo = await startDemo();
const browser = await launch();
let views = 0;
try {
  for (const role of chosen) {
    const email = roles[role];
    const account = demo.accounts[email];
    if (!account) throw new Error(`the demo printed no account ${email}`);
    for (const [widthName, viewport] of widths) {
      // The portal sends no script (its CSP allows none): what the suite sees is what a reader
      // without JavaScript sees. bypassCSP lets axe in.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, demo.base, email, account.password, account.totp);
      const languages = widthName === 'desktop' ? ['en', 'fr'] : ['en'];
      for (const lang of languages) {
        await page.goto(`${demo.base}/`);
        await chooseLanguage(page, lang);
        const queue = [...new Set(await page.$$eval('nav.main-nav a', (as) => as.map((a) => a.getAttribute('href'))))];
        queue.push('/account', '/search?q=border');
        const seen = new Set();
        while (queue.length > 0) {
          const path = queue.shift();
          if (!path?.startsWith('/') || skip.test(path.replace(/[?#].*$/, '')) || seen.has(kind(path))) continue;
          seen.add(kind(path));
          const view = `${role} ${lang} ${widthName} ${path}`;
          const response = await page.goto(`${demo.base}${path}`).catch((e) => e);
          views += 1;
          if (response instanceof Error) { fail(view, response.message.split('\n')[0]); continue; }
          if (process.env.VERBOSE) console.error(view);
          if (response.status() !== 200) { fail(view, `status ${response.status()}`); continue; }
          await check(page, view, lang);
          if (lang === 'en') {
            const file = `${role}-${widthName}-${kind(path).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'dashboard'}.png`;
            await page.screenshot({ path: join(shots, file), fullPage: true });
          }
          const links = await page.$$eval('main a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
          for (const link of links) if (!seen.has(kind(link))) queue.push(link);
        }
      }
      console.log(`checked ${role} at ${widthName} width`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}
if (failures.length > 0) {
  console.error(`${failures.length} problem(s) in ${views} views:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`${views} views pass; screenshots in ${shots}`);
