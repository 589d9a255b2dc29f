// The built site under the collector's strict Content-Security-Policy:
// no violation is reported while the form loads, is filled in and submits.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn, execFileSync } = require('node:child_process');
const { launch, phonePage, root, dist } = require('./support.cjs');

const collectorBin = process.env.TANYA_COLLECTOR || path.join(root, 'target', 'debug', 'tanya-collector');

async function startCollector(site = dist) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-csp-'));
  const child = spawn(collectorBin, ['--listen', '127.0.0.1:0', '--db', path.join(dir, 'csp.db'),
    '--surveys', path.join(root, 'surveys'), '--site', site], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = readline.createInterface({ input: child.stdout });
  const url = await new Promise((ok, fail) => {
    child.on('exit', (code) => fail(new Error(`collector exited ${code}`)));
    lines.on('line', (l) => { const m = l.match(/listening on (http:\/\/\S+)/); if (m) ok(m[1]); });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Records every CSP violation the page reports into `window.__violations`. */
function watchViolations(page) {
  return page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

test('the site runs under the strict CSP with no violation', async () => {
  const collector = await startCollector();
  const browser = await launch();
  try {
    const { page } = await phonePage(browser, { locale: 'en-US' });
    await watchViolations(page);
    const response = await page.goto(`${collector.url}/?group=eksper&lang=en`);
    const csp = response.headers()['content-security-policy'];
    assert.strictEqual(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:; connect-src 'self'; "
      + "frame-ancestors 'self'; base-uri 'none'");
    assert.strictEqual(await page.$$eval('script:not([src]):not([type="application/json"])', (s) => s.length), 0, 'no inline script');
    await page.waitForSelector('[data-question=group]');
    await page.check('[data-question=consent] input >> nth=0');
    await page.click('button.tanya-next');
    await page.fill('[data-question=exp_years] input', '9');
    await page.evaluate(() => {
      for (const row of document.querySelectorAll('.tanya-matrix tbody tr, fieldset.tanya-matrix-row')) row.querySelectorAll('input')[1].click();
    });
    await page.click('button.tanya-next');
    await page.check('[data-question=overall] input >> nth=2');
    await page.click('button.tanya-next');
    await page.click('button.tanya-next'); // the soft-required suggestion asks once
    await page.waitForSelector('.tanya-delivery[data-state=sent]');
    assert.deepStrictEqual(await page.evaluate(() => window.__violations), []);
    assert.deepStrictEqual(page.errors, []);
  } finally {
    await browser.close();
    collector.stop();
  }
});

test('a site made by tanya site, page 1 prerendered, runs under the strict CSP with no violation', async () => {
  const cli = process.env.TANYA_CLI || path.join(root, 'target', 'debug', 'tanya');
  const site = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-csp-site-')), 'site');
  execFileSync(cli, ['site', path.join(root, 'surveys', 'integrity.json'), '--app', dist, '-o', site]);
  const collector = await startCollector(site);
  const browser = await launch();
  try {
    const { page } = await phonePage(browser, { locale: 'id-ID' });
    await watchViolations(page);
    await page.goto(`${collector.url}/`);
    await page.waitForSelector('#tanya[data-tanya-ready]');
    await page.check('[data-question=group] input >> nth=2');
    await page.waitForSelector('[data-question=consent]');
    assert.deepStrictEqual(await page.evaluate(() => window.__violations), []);
    assert.deepStrictEqual(page.errors, []);
  } finally {
    await browser.close();
    collector.stop();
  }
});
