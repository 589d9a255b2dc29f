// The offline app shell (dist/sw.js): a respondent who opened the link once
// can open it again with no network, fill it in and submit into the outbox;
// back online, the entry is delivered. A new release replaces the cache.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { serve, launch, phonePage, recordEntries, withConfig, dist, root } = require('./support.cjs');

const collectorBin = process.env.TANYA_COLLECTOR || path.join(root, 'target', 'debug', 'tanya-collector');

const SURVEY = {
  title: 'Survei luring',
  tanya: { id: 'offline', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
  pages: [{ elements: [
    { type: 'radiogroup', name: 'q', title: 'Pilih satu', isRequired: true, choices: ['a', 'b'] },
  ] }],
};

test('load once, go offline, reload, submit into the outbox, go online: delivered', async () => {
  const state = { down: false };
  const received = [];
  const record = recordEntries(received);
  const files = { '/surveys/offline.json': JSON.stringify(SURVEY) };
  const app = await serve({
    config: { survey: '/surveys/offline.json' },
    files,
    handler(req, res) {
      // "No network": the server drops every connection, whatever the browser's own offline flag does.
      if (state.down) {
        req.socket.destroy();
        return true;
      }
      return record(req, res);
    },
  });
  const browser = await launch();
  try {
    const { context, page } = await phonePage(browser, { locale: 'id-ID' });
    // 1. Load once; the service worker installs and takes control.
    await page.goto(app.url);
    await page.waitForSelector('[data-question=q]');
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys[0]);
      return { keys, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    assert.strictEqual(cached.keys.length, 1, JSON.stringify(cached));
    assert.ok(cached.urls.some((u) => u.endsWith('_bg.wasm')), `the wasm is cached: ${cached.urls}`);
    assert.ok(cached.urls.includes('/surveys/offline.json'), `the questionnaire is cached: ${cached.urls}`);

    // 2. Go offline.
    state.down = true;
    await context.setOffline(true);
    // 3. Reload: the form renders from the cache.
    await page.reload();
    await page.waitForSelector('[data-question=q]');
    // 4. Submit: the entry is queued.
    await page.check('[data-question=q] input >> nth=0');
    await page.click('button.tanya-next');
    await page.waitForSelector('.tanya-delivery[data-state=queued]');
    assert.strictEqual(received.length, 0);
    // 5. Go online: it is delivered, once.
    state.down = false;
    await context.setOffline(false);
    await page.waitForSelector('.tanya-delivery[data-state=sent]', { timeout: 60000 });
    assert.strictEqual(received.length, 1);
    assert.deepStrictEqual(received[0].answers, { q: 'a' });

    // A new release: a changed sw.js installs a new cache and deletes the old one.
    const old = cached.keys[0];
    const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
    const next = sw.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "0000000000000001"');
    assert.notStrictEqual(next, sw, 'the template has a VERSION line');
    files['/sw.js'] = next;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    let keys = [];
    for (let i = 0; i < 150; i += 1) {
      keys = await page.evaluate(() => caches.keys());
      if (keys.length === 1 && keys[0] !== old) break;
      await page.waitForTimeout(200);
    }
    assert.deepStrictEqual(keys, ['tanya-shell-0000000000000001'], `the old cache ${old} is gone`);
  } finally {
    await browser.close();
    await app.close();
  }
});

/** A free loopback port, so a restarted collector comes back at the same address. */
function freePort() {
  return new Promise((ok, fail) => {
    const probe = net.createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** tanya-collector serving `site` and taking entries on `port`; resolves once it listens. */
async function collector(port, db, surveys, site) {
  const child = spawn(collectorBin, ['--listen', `127.0.0.1:${port}`, '--db', db, '--surveys', surveys,
    '--site', site, '--token', 'offline-test-token'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = readline.createInterface({ input: child.stdout });
  await new Promise((ok, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`collector exited ${code}`)));
    lines.on('line', (l) => { if (/listening on/.test(l)) ok(); });
  });
  const stopped = new Promise((ok) => child.on('exit', ok));
  return { stop: () => { child.kill('SIGTERM'); return stopped; } };
}

test('served by tanya-collector (Vary: Origin): reopened offline, the form loads and queues', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-offline-'));
  const site = path.join(dir, 'site');
  fs.cpSync(dist, site, { recursive: true });
  const index = path.join(site, 'index.html');
  fs.writeFileSync(index, withConfig(fs.readFileSync(index, 'utf8'), { survey: '/surveys/offline.json' }));
  fs.mkdirSync(path.join(site, 'surveys'));
  fs.writeFileSync(path.join(site, 'surveys', 'offline.json'), JSON.stringify(SURVEY));
  const surveys = path.join(dir, 'surveys');
  fs.mkdirSync(surveys);
  fs.writeFileSync(path.join(surveys, 'offline.json'), JSON.stringify(SURVEY));
  const port = await freePort();
  const db = path.join(dir, 'entries.db');
  let server = await collector(port, db, surveys, site);
  const url = `http://127.0.0.1:${port}/`;
  const browser = await launch();
  try {
    const { context, page } = await phonePage(browser, { locale: 'id-ID' });
    const vary = (await (await fetch(url, { headers: { origin: url.slice(0, -1) } })).headers.get('vary')) || '';
    assert.match(vary.toLowerCase(), /origin/, 'the collector varies on Origin, as the issue found');
    await page.goto(url);
    await page.waitForSelector('[data-question=q]');
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller);
    // Let the service worker finish caching before the network goes.
    await page.waitForFunction(async () => (await (await caches.open((await caches.keys())[0])).keys()).length > 3);
    // No network: the collector is gone, and the browser is offline.
    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-question=q]', { timeout: 20000 });
    await page.check('[data-question=q] input >> nth=1');
    await page.click('button.tanya-next');
    await page.waitForSelector('.tanya-delivery[data-state=queued]');
    // The network is back: the entry reaches the collector.
    server = await collector(port, db, surveys, site);
    await context.setOffline(false);
    await page.waitForSelector('.tanya-delivery[data-state=sent]', { timeout: 60000 });
    const csv = await (await fetch(`${url}api/export.csv`, { headers: { authorization: 'Bearer offline-test-token' } })).text();
    assert.strictEqual(csv.trim().split('\n').length, 2, `one entry stored: ${csv}`);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('when the app cannot be fetched, the page says so and offers a retry', async () => {
  let broken = true;
  const app = await serve({
    handler(req, res) {
      // The wasm and the app module fail, as with no network and nothing cached.
      if (broken && /tanya-app-[0-9a-f]+(_bg\.wasm|\.js)$/.test(new URL(req.url, 'http://x').pathname)) {
        req.socket.destroy();
        return true;
      }
      return false;
    },
  });
  const browser = await launch();
  try {
    const { page } = await phonePage(browser, { locale: 'id-ID', serviceWorkers: 'block' });
    await page.goto(app.url);
    await page.waitForSelector('.tanya-load-error[role=alert]', { timeout: 20000 });
    assert.match(await page.textContent('.tanya-load-error'), /tidak dapat dimuat/);
    broken = false;
    await page.click('.tanya-load-error button');
    await page.waitForSelector('[data-question]', { timeout: 20000 });
  } finally {
    await browser.close();
    await app.close();
  }
});
