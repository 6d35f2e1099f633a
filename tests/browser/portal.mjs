// Shared pieces of the browser suite: start `portal demo` on a free port with a fresh data
// directory, read the demo accounts it prints, open Debian's Chromium, run axe on a page.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const root = resolve(import.meta.dirname, '../..');

export const widths = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 900 }],
];

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

// Starts the demo portal and resolves once it answers /healthz, with its address and accounts
// ({email: {role, org, password, totp}}).
export async function startDemo() {
  const binary = process.env.PORTAL_BINARY ?? join(root, 'target/debug/portal');
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-browser-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORTAL_DATA_DIR: dataDir, PORTAL_BIND: `127.0.0.1:${port}`, PORTAL_PUBLIC_URL: base, PORTAL_WORKERS: '2', RUST_LOG: 'warn' };
  delete env.PORTAL_DATABASE_URL;
  const child = spawn(binary, ['demo'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((_, fail) => child.on('exit', (code) => fail(new Error(`portal demo exited with ${code}:\n${output}`))));
  const ready = (async () => {
    for (let i = 0; i < 1200; i++) {
      try {
        const response = await fetch(`${base}/healthz`);
        if (response.ok && output.includes('Demo accounts')) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`portal demo did not answer on ${base}:\n${output}`);
  })();
  await Promise.race([ready, exited]);
  const accounts = {};
  let last = null;
  for (const line of output.split('\n')) {
    const account = line.match(/^\s+(\S+)\s+(\S+)\s+(\S+@\S+)\s+(\S+)\s*$/);
    if (account) {
      last = { role: account[1], org: account[2], password: account[4] };
      accounts[account[3]] = last;
      continue;
    }
    const key = line.match(/two-factor key (\S+)/);
    if (key && last) last.totp = key[1];
  }
  return {
    base,
    accounts,
    async stop() {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => { child.on('exit', r); setTimeout(r, 5000); });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
}

// Signs in through the real forms: the password, then (for an account with a key) the current
// two-factor code on the second step's page.
export async function signIn(page, base, email, password, totpKey) {
  await page.goto(`${base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  if (!totpKey) {
    await Promise.all([page.waitForURL(`${base}/`), page.click('form[action="/login"] button[type=submit]')]);
    return;
  }
  await Promise.all([page.waitForSelector('#totp'), page.click('form[action="/login"] button[type=submit]')]);
  // A code is taken once: a second sign-in of the account within the same 30-second step is
  // refused, and waits for the next step's code.
  for (let attempt = 0; ; attempt += 1) {
    const step = Math.floor(Date.now() / 30000);
    await page.fill('#totp', totp(totpKey));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login/code"] button[type=submit]')]);
    if (page.url() === `${base}/`) return;
    if (attempt > 0) throw new Error(`the two-factor step refused ${email} twice (${page.url()})`);
    await page.waitForTimeout(Math.max(0, (step + 1) * 30000 - Date.now()) + 1000);
  }
}

// Chooses the language with the header's switcher (saved on the account when signed in).
export async function chooseLanguage(page, lang) {
  await page.selectOption('#lang-select', lang);
  await Promise.all([page.waitForLoadState('load'), page.click('.lang-form button[type=submit]')]);
}

// Runs axe on the page as it stands; returns the violations, each as one readable line.
export async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

// The current six-digit TOTP code of a base32 key (RFC 6238: SHA-1, 30 s), as an
// authenticator app would show it.
export function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}
