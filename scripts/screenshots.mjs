// Renders the main pages in headless Chromium at phone and desktop widths, signing in
// through the real form. Usage (with `portal demo` running and playwright-core installed):
//   PORTAL_URL=http://127.0.0.1:8080 EMAIL=… PASSWORD=… node scripts/screenshots.mjs OUT_DIR
import { chromium } from 'playwright-core';

const base = process.env.PORTAL_URL ?? 'http://127.0.0.1:8080';
const out = process.argv[2] ?? 'screenshots';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.screenshot({ path: `${out}/login-${name}.png`, fullPage: true });
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', 'wrong password here');
  await page.click('button[type=submit] >> text=/Sign in|Se connecter/');
  await page.screenshot({ path: `${out}/login-failed-${name}.png`, fullPage: true });
  await page.fill('#password', process.env.PASSWORD);
  await page.click('button[type=submit] >> text=/Sign in|Se connecter/');
  await page.waitForURL(`${base}/`);
  await page.screenshot({ path: `${out}/dashboard-${name}.png`, fullPage: true });
  if (name === 'phone') {
    await page.selectOption('#lang-select', 'fr');
    await page.click('.lang-form button');
    await page.screenshot({ path: `${out}/dashboard-fr-${name}.png`, fullPage: true });
    await page.selectOption('#lang-select', 'en');
    await page.click('.lang-form button');
  }
  for (const area of ['reports', 'needs', 'documents']) {
    await page.goto(`${base}/${area}`);
    await page.screenshot({ path: `${out}/${area}-${name}.png`, fullPage: true });
    const first = page.locator(`table a[href^="/${area}/"]`).first();
    if (await first.count()) {
      await first.click();
      await page.screenshot({ path: `${out}/${area}-item-${name}.png`, fullPage: true });
    }
  }
  if (process.env.UPLOAD_PAGES) {
    await page.goto(`${base}/documents/new`);
    await page.screenshot({ path: `${out}/documents-new-${name}.png`, fullPage: true });
  }
  if (process.env.EDITOR_PAGES) {
    await page.goto(`${base}/reports/new`);
    await page.screenshot({ path: `${out}/reports-new-${name}.png`, fullPage: true });
  }
  await page.goto(`${base}/nowhere`);
  await page.screenshot({ path: `${out}/not-found-${name}.png`, fullPage: true });
  // Keyboard: the first Tab lands on the skip link, which must be visible when focused.
  await page.goto(`${base}/`);
  await page.keyboard.press('Tab');
  await page.screenshot({ path: `${out}/focus-${name}.png` });
  await context.close();
}
await browser.close();
