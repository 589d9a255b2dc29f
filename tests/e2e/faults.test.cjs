// Exactly once through a bad network: 50 entries from separate browser
// contexts go through a fault-injecting proxy in front of json-server (a
// third-party REST server) with the `flat` body. The proxy drops 30% of
// requests in five ways and, like a real idempotent API, answers a replayed
// `_submission_id` with 409. Every entry must arrive once: 0 lost, 0 doubled.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { serve, launch, phonePage } = require('./support.cjs');

const modules = process.env.TANYA_NODE_MODULES || path.join(__dirname, '..', '..', 'tools', 'node_modules');
const jsonServer = require(path.join(modules, 'json-server'));

const ENTRIES = 50;
const PARALLEL = 5;
const FAULTS = ['reset', '500', '503', 'hang', 'lost-response'];

/** A seeded generator, so every run injects the same faults. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function startJsonServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-json-server-'));
  const db = path.join(dir, 'db.json');
  fs.writeFileSync(db, JSON.stringify({ entries: [] }));
  const app = jsonServer.create();
  app.use(jsonServer.defaults({ logger: false }));
  app.use(jsonServer.router(db));
  const server = await new Promise((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
  return { port: server.address().port, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

function forward(port, method, url, body) {
  return new Promise((ok, fail) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => ok({ status: res.statusCode, body: data }));
    });
    req.on('error', fail);
    if (body) req.write(body);
    req.end();
  });
}

const survey = {
  title: 'Uji jaringan buruk',
  tanya: { id: 'faults', duplicates: { policy: 'allow' } },
  pages: [{ elements: [
    { type: 'text', name: 'n', inputType: 'number', isRequired: true },
    { type: 'radiogroup', name: 'pick', choices: ['a', 'b', 'c'] },
  ] }],
};

test('50 entries through a 30% faulty proxy reach json-server exactly once', { timeout: 600000 }, async () => {
  const store = await startJsonServer();
  const random = rng(42);
  const injected = Object.fromEntries(FAULTS.map((f) => [f, 0]));
  let replays = 0;
  let attempts = 0;
  const hung = [];
  const site = await serve({
    config: { survey, endpoint: { url: '/entries', method: 'POST', body: 'flat' } },
    handler(req, res) {
      if (!req.url.startsWith('/entries')) return false;
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', async () => {
        attempts++;
        const id = JSON.parse(body)._submission_id;
        const existing = await forward(store.port, 'GET', `/entries?_submission_id=${encodeURIComponent(id)}`);
        if (JSON.parse(existing.body).length > 0) {
          replays++;
          res.writeHead(409, { 'content-type': 'application/json' });
          return res.end('{"error":"already received"}');
        }
        const fault = random() < 0.3 ? FAULTS[Math.floor(random() * FAULTS.length)] : null;
        if (fault) injected[fault]++;
        switch (fault) {
          case 'reset': return req.socket.destroy();
          case '500': res.writeHead(500); return res.end('boom');
          case '503': res.writeHead(503, { 'retry-after': '1' }); return res.end('busy');
          case 'hang': hung.push(res); return undefined;
          case 'lost-response': {
            await forward(store.port, 'POST', '/entries', body);
            return req.socket.destroy();
          }
          default: {
            const r = await forward(store.port, 'POST', '/entries', body);
            res.writeHead(r.status, { 'content-type': 'application/json' });
            return res.end(r.body);
          }
        }
      });
      return true;
    },
  });
  const browser = await launch();
  try {
    const one = async (i) => {
      const { context, page } = await phonePage(browser, { locale: 'en-US' });
      await page.goto(site.url);
      await page.waitForSelector('[data-question=n] input');
      await page.fill('[data-question=n] input', String(i));
      await page.check(`[data-question=pick] input >> nth=${i % 3}`);
      await page.click('button.tanya-next');
      await page.waitForSelector('.tanya-delivery[data-state=sent]', { timeout: 240000 });
      await context.close();
    };
    for (let start = 0; start < ENTRIES; start += PARALLEL) {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, ENTRIES - start) }, (_, k) => one(start + k)));
    }
    const stored = JSON.parse((await forward(store.port, 'GET', '/entries')).body);
    const ids = new Set(stored.map((e) => e._submission_id));
    const values = new Set(stored.map((e) => e.n));
    const lost = ENTRIES - values.size;
    const doubled = stored.length - ids.size;
    console.log(`# faults: ${JSON.stringify(injected)}; attempts ${attempts}; 409 replays ${replays}; stored ${stored.length}; lost ${lost}; doubled ${doubled}`);
    assert.strictEqual(stored.length, ENTRIES, 'one record per entry');
    assert.strictEqual(lost, 0, '0 lost');
    assert.strictEqual(doubled, 0, '0 doubled');
    for (const f of FAULTS) assert.ok(injected[f] > 0, `fault ${f} was injected`);
    for (const e of stored) {
      assert.ok(e._fingerprint && e._fingerprint.entry && e._submitted_at, 'flat fields present');
      assert.ok(['a', 'b', 'c'].includes(e.pick));
    }
  } finally {
    for (const r of hung) r.destroy();
    await browser.close();
    await site.close();
    await store.close();
  }
});
