// Renders the given pages in headless Chromium at phone and desktop widths, in English and, with
// FRENCH=1, in French too (LANGS=ar,zh,… for any list of languages), signing in through the real form. JavaScript is off, as for a reader
// without it. Usage (with `portal demo` running and playwright-core installed):
//   PORTAL_URL=http://127.0.0.1:8080 EMAIL=… PASSWORD=… node scripts/screenshots-paths.mjs OUT_DIR /calendar /groups …
// A path's screenshot is named after it (`/groups/BMLE` → `groups-BMLE-phone.png`).
import { chromium } from 'playwright-core';

const base = process.env.PORTAL_URL ?? 'http://127.0.0.1:8080';
const [out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const languages = process.env.LANGS ? process.env.LANGS.split(',') : process.env.FRENCH ? ['en', 'fr'] : ['en'];
for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await page.click('button[type=submit] >> text=/Sign in|Se connecter/');
  await page.waitForURL(`${base}/`);
  for (const lang of languages) {
    await page.selectOption('#lang-select', lang);
    await page.click('.lang-form button');
    for (const path of paths) {
      const response = await page.goto(`${base}${path}`);
      const file = path.replace(/^\//, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'dashboard';
      await page.screenshot({ path: `${out}/${file}-${lang}-${name}.png`, fullPage: true });
      console.log(`${response.status()} ${lang} ${name} ${path}`);
    }
  }
  await context.close();
}
await browser.close();
