// The offline app shell (dist/sw.js): a respondent who opened the link once
// can open it again with no network, fill it in and submit into the outbox;
// back online, the entry is delivered. A new release replaces the cache.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { serve, launch, phonePage, recordEntries, dist } = require('./support.cjs');

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
