// Renders the account pages (two-factor set-up, password reset, sign-in with a code) in
// headless Chromium at phone and desktop widths. Usage, with `portal demo` running and an
// account without two-factor made by `portal user create --role coordinator`:
//   PORTAL_URL=http://127.0.0.1:8080 EMAIL=… PASSWORD=… node scripts/screenshots-account.mjs OUT_DIR
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
  await page.goto(`${base}/password-reset`);
  await page.screenshot({ path: `${out}/reset-${name}.png`, fullPage: true });
  await page.fill('#email', 'nobody@example.org');
  await page.click('button[type=submit] >> text=/Send|Envoyer/');
  await page.screenshot({ path: `${out}/reset-sent-${name}.png`, fullPage: true });
  await page.goto(`${base}/password-reset/confirm?token=not-a-token`);
  await page.screenshot({ path: `${out}/reset-invalid-${name}.png`, fullPage: true });
  await page.goto(`${base}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await page.click('button[type=submit] >> text=/Sign in|Se connecter/');
  await page.screenshot({ path: `${out}/two-factor-setup-${name}.png`, fullPage: true });
  await page.fill('#code', '000000');
  await page.click('button[type=submit] >> text=/Turn on|Activer/');
  await page.screenshot({ path: `${out}/two-factor-wrong-${name}.png`, fullPage: true });
  await context.close();
}
await browser.close();
