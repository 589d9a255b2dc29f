// Fingerprints, the duplicate guard and delivery, against a recording
// endpoint on loopback started by the test.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { serve, launch, phonePage, root } = require('./support.cjs');

const cli = process.env.TANYA_CLI || path.join(root, 'target', 'debug', 'tanya');

const survey = (policy, extra = {}) => ({
  title: 'Uji kirim',
  tanya: { id: `uji-${policy}`, duplicates: { policy }, ...extra },
  pages: [{ elements: [
    { type: 'radiogroup', name: 'q1', isRequired: true, choices: ['a', 'b'] },
    { type: 'text', name: 'q2', title: 'Kota' },
    { type: 'checkbox', name: 'q3', choices: ['x', 'y', 'z'] },
  ] }],
});

/**
 * A site plus an endpoint at /api/submissions that records and answers with
 * `status(count)`; closed after the tests.
 */
async function site(config, status = () => 201) {
  const received = [];
  const server = await serve({
    config,
    handler(req, res) {
      if (!req.url.startsWith('/api/submissions')) return false;
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        received.push({ headers: req.headers, body, json: JSON.parse(body || 'null') });
        const [code, text] = [].concat(status(received.length));
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(text || JSON.stringify({ id: 'r', received_at: new Date().toISOString() }));
      });
      return true;
    },
  });
  test.after(() => server.close());
  return { server, received };
}

/** The `policy` survey's site and a phone page on it (English unless `options` say otherwise), not yet loaded. */
async function phone(policy, { status, ...options } = {}) {
  const { server, received } = await site({ survey: survey(policy), endpoint: { url: '/api/submissions' } }, status);
  const { context, page } = await phonePage(browser, { locale: 'en-US', ...options });
  return { server, received, context, page };
}

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });

async function fillAndSubmit(page) {
  await page.check('[data-question=q1] input >> nth=1');
  await page.fill('[data-question=q2] input', ' Makassar ');
  await page.check('[data-question=q3] input >> nth=2');
  await page.check('[data-question=q3] input >> nth=0');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-done');
}

test('the posted entry matches tanya fingerprint and carries no raw signal', async () => {
  const { server, received, context, page } = await phone('allow', { timezoneId: 'Asia/Jakarta', locale: 'id-ID' });
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  const { headers, body, json } = received[0];
  assert.strictEqual(headers['idempotency-key'], json.submission_id);
  assert.match(json.submission_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-fp-'));
  fs.writeFileSync(path.join(dir, 'survey.json'), JSON.stringify(survey('allow')));
  fs.writeFileSync(path.join(dir, 'answers.json'), JSON.stringify(json.answers));
  const expected = JSON.parse(execFileSync(cli, ['fingerprint', path.join(dir, 'survey.json'), '--answers', path.join(dir, 'answers.json')]));
  assert.strictEqual(json.fingerprint.entry, expected.entry, 'browser and CLI agree');
  assert.strictEqual(json.fingerprint.similarity, expected.similarity);
  assert.strictEqual(json.survey.version, expected.survey.version);
  assert.match(json.fingerprint.device, /^[0-9a-f]{64}$/);

  const ua = await page.evaluate(() => navigator.userAgent);
  for (const raw of [ua, 'Asia/Jakarta', '390x844', 'screen_width', 'hardware_concurrency', 'id-ID']) {
    assert.ok(!body.includes(raw), `the payload holds no raw signal (${raw})`);
  }
  const foreign = requested.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepStrictEqual(foreign, [], 'no request leaves loopback');
  await context.close();
});

test('each duplicate policy shows the right screen on the next visit', async () => {
  for (const policy of ['block', 'warn', 'allow']) {
    const { server, context, page } = await phone(policy);
    await page.goto(server.url);
    await page.waitForSelector('[data-question]');
    await fillAndSubmit(page);
    // The duplicate guard's record is written once the outbox has stored the entry.
    await page.waitForSelector('.tanya-delivery[data-state=sent]');
    const records = await page.evaluate(() => Object.keys(localStorage)
      .filter((k) => k.startsWith('tanya:submitted:')).map((k) => JSON.parse(localStorage.getItem(k))));
    assert.strictEqual(records.length, 1);
    assert.deepStrictEqual(Object.keys(records[0]).sort(), ['at', 'submission_id'], 'no answer hash on the phone');
    await page.goto(server.url);
    await page.waitForSelector('.tanya-duplicate, [data-question]');
    const duplicate = await page.$('.tanya-duplicate');
    const restart = await page.$('.tanya-start-new');
    if (policy === 'allow') {
      assert.strictEqual(duplicate, null, 'allow: the form again');
    } else {
      // The date as people write it, in the entry's own (UTC) calendar day.
      const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      assert.match(await duplicate.textContent(), new RegExp(`already filled in this survey on this device on ${today}`));
      assert.strictEqual(restart !== null, policy === 'warn', `${policy}: start-new button`);
      assert.strictEqual(await page.$('[data-question]'), null, `${policy}: no form yet`);
      if (restart) {
        await restart.click();
        await page.waitForSelector('[data-question=q1]');
      }
    }
    await context.close();
  }
});

test('a rejected entry shows the reason, a retry and a download of the whole envelope', async () => {
  const { server, received, context, page } = await phone('allow', {
    status: (n) => (n === 1 ? [400, '{"error":"q9 is not a question"}'] : 201),
    acceptDownloads: true,
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=rejected]');
  assert.match(await page.textContent('.tanya-reason'), /HTTP 400: \{"error":"q9 is not a question"\}/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.tanya-download')]);
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepStrictEqual(saved, received[0].json, 'the file holds the whole envelope');
  for (const key of ['survey', 'submission_id', 'answers', 'meta', 'fingerprint', 'quality']) assert.ok(key in saved, key);
  await page.click('button.tanya-retry');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 2);
  assert.strictEqual(received[1].json.submission_id, received[0].json.submission_id, 'the retry reuses the id');
  await context.close();
});

test('a refused entry reads in Indonesian when the form is in Indonesian', async () => {
  const { server, context, page } = await phone('allow', {
    status: () => [422, '{"error":"q9 bukan pertanyaan"}'],
    locale: 'id-ID',
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=rejected]');
  const shown = await page.textContent('.tanya-delivery[data-state=rejected]');
  assert.match(shown, /Jawaban Anda ditolak oleh server: server menjawab HTTP 422: \{"error":"q9 bukan pertanyaan"\}/);
  assert.match(shown, /Coba kirim lagi/);
  assert.doesNotMatch(shown, /refused|answered|network/i, 'no English word for the respondent');
  await context.close();
});

test('a refusal as a duplicate by policy keeps the entry and says why', async () => {
  // What tanya-collector answers under `block` for a respondent id it has
  // already stored: not 409 (which reads as "already stored").
  const refusal = JSON.stringify({
    errors: [{ question: '', rule: 'duplicate', message: 'this respondent already sent an entry' }],
    first: { id: 'e-1', received_at: '2026-12-01T08:00:00.000Z' },
  });
  const { server, received, context, page } = await phone('allow', {
    status: () => [422, refusal],
    locale: 'id-ID',
    acceptDownloads: true,
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=rejected]');
  assert.strictEqual(await page.$('.tanya-delivery[data-state=sent]'), null, 'never shown as delivered');
  assert.match(await page.textContent('.tanya-reason'), /ditolak sebagai isian ganda/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.tanya-download')]);
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepStrictEqual(saved, received[0].json, 'the answers can still be downloaded');
  const stored = await storedOutbox(page);
  assert.strictEqual(stored.length, 1);
  assert.strictEqual(stored[0].state, 'rejected');
  assert.ok(stored[0].body.length > 0, 'the phone keeps the answers');
  await context.close();
});

/** The outbox as stored in IndexedDB. */
function storedOutbox(page) {
  return page.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open('tanya', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('outbox');
    r.onerror = () => fail(r.error);
    r.onsuccess = () => {
      const q = r.result.transaction(['outbox'], 'readonly').objectStore('outbox').getAll();
      q.onsuccess = () => { r.result.close(); ok(q.result.map((t) => JSON.parse(t))); };
      q.onerror = () => fail(q.error);
    };
  }));
}

test('a delivered entry leaves no record on the phone after the grace period, and the page still says sent', async () => {
  const { server, received, context, page } = await phone('allow');
  await page.clock.install();
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  const kept = await storedOutbox(page);
  assert.deepStrictEqual(kept.map((x) => [x.state, x.body]), [['delivered', '']], 'the answers go at once, the record stays a while');
  await page.clock.fastForward('16:00');
  await page.waitForFunction(() => new Promise((ok) => {
    const r = indexedDB.open('tanya', 1);
    r.onsuccess = () => {
      const q = r.result.transaction(['outbox'], 'readonly').objectStore('outbox').count();
      q.onsuccess = () => { r.result.close(); ok(q.result === 0); };
    };
  }), null, { polling: 200, timeout: 10000 });
  assert.strictEqual(await page.$('.tanya-delivery[data-state=sent]') !== null, true, 'still shown as sent');
  assert.strictEqual(await page.getAttribute('.tanya-done', 'data-delivered'), 'true');
  assert.strictEqual(received.length, 1, 'never sent again');
  await context.close();
});

test('offline: saved on the phone, survives a closed tab, delivered once back online', async () => {
  const { server, received, context, page } = await phone('allow');
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await context.setOffline(true);
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=queued]');
  assert.match(await page.textContent('.tanya-delivery'), /Saved on this phone, will send when you are online/);
  await page.close();
  // Reopen with the page reachable but the endpoint still cut off.
  await context.route('**/api/submissions', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(server.url);
  await again.waitForSelector('[data-question]');
  const queued = await storedOutbox(again);
  assert.strictEqual(queued.length, 1, 'still queued after the tab closed');
  assert.notStrictEqual(queued[0].state, 'delivered');
  assert.strictEqual(received.length, 0);
  await context.unroute('**/api/submissions');
  for (let i = 0; i < 150 && received.length === 0; i++) await again.waitForTimeout(100);
  await again.waitForTimeout(500);
  assert.strictEqual(received.length, 1, 'delivered once');
  const stored = await storedOutbox(again);
  assert.strictEqual(stored[0].state, 'delivered');
  assert.strictEqual(stored[0].body, '', 'the phone keeps no answers once they are delivered');
  await context.close();
});

test('without any storage the entry is kept in memory, with a visible warning', async () => {
  const { server, received, context, page } = await phone('allow');
  await context.addInitScript(() => {
    const deny = () => { throw new DOMException('storage denied', 'SecurityError'); };
    Object.defineProperty(window, 'indexedDB', { get: deny });
    Object.defineProperty(window, 'localStorage', { get: deny });
  });
  page.errors.length = 0;
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  assert.match(await page.textContent('.tanya-notice'), /draft cannot be kept/);
  await submitFromMemory(page, received);
  await context.close();
});

test('when the draft can no longer be stored (storage full), the form says so, and again when it can', async () => {
  const { server, context, page } = await phone('allow');
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  assert.strictEqual(await page.$('.tanya-notice'), null, 'storage works: no notice');
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    window.tanyaFull = true;
    Storage.prototype.setItem = function (key, value) {
      if (window.tanyaFull && String(key).startsWith('tanya:draft:')) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  await page.check('[data-question=q1] input >> nth=1');
  await page.waitForSelector('.tanya-notice');
  assert.match(await page.textContent('.tanya-notice'), /draft cannot be kept/);
  // Room again: the next answer is kept, and the notice goes.
  await page.evaluate(() => { window.tanyaFull = false; });
  await page.fill('[data-question=q2] input', 'Makassar');
  await page.waitForSelector('.tanya-notice', { state: 'detached' });
  assert.deepStrictEqual(page.errors, []);
  await context.close();
});

/** Submits, and expects the entry sent from memory with the warning to keep the page open. */
async function submitFromMemory(page, received) {
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.match(await page.textContent('.tanya-done + div'), /keep this page open until your answers are sent/);
  assert.strictEqual(received.length, 1);
}

test('a URL parameter cannot redirect entries', async () => {
  const { server, received, context, page } = await phone('allow');
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${server.url}?endpoint=${encodeURIComponent('http://127.0.0.1:9/x')}&url=http://127.0.0.1:9/y`);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  assert.ok(!requested.some((u) => new URL(u).port === '9'), 'nothing went to the URL parameter');
  assert.ok(received[0].json.answers.q1, 'the configured endpoint got the entry');
  await context.close();
});

test('two open tabs send a queued entry once, and both show it sent', async () => {
  const { server, received, context, page } = await phone('allow');
  await context.route('**/api/submissions', (route) => route.abort('internetdisconnected'));
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=queued]');
  // The link opened again while the first tab still waits: both hold the entry.
  const other = await context.newPage();
  await other.goto(server.url);
  await other.waitForSelector('[data-question]');
  // Wait for a retry while both tabs are open, so both have loaded the entry.
  for (let i = 0; i < 50 && (await storedOutbox(other))[0].attempts < 2; i++) await other.waitForTimeout(100);
  assert.ok((await storedOutbox(other))[0].attempts >= 2, 'the queued entry was retried with both tabs open');
  await context.unroute('**/api/submissions');
  for (let i = 0; i < 150 && received.length === 0; i++) await page.waitForTimeout(100);
  // Several flush ticks of both tabs (every 3 s, backoff of a few seconds).
  await page.waitForTimeout(9000);
  assert.strictEqual(received.length, 1, 'delivered once, not once per tab');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual((await storedOutbox(other))[0].state, 'delivered');
  await context.close();
});

test('without the Web Locks API, or when it refuses, entries are still sent', async () => {
  const without = {
    missing: () => { delete Navigator.prototype.locks; },
    refusing: () => {
      LockManager.prototype.request = () => Promise.reject(new DOMException('opaque origin', 'SecurityError'));
    },
  };
  for (const [name, script] of Object.entries(without)) {
    const { server, received, context, page } = await phone('allow');
    await context.addInitScript(script);
    await page.goto(server.url);
    await page.waitForSelector('[data-question]');
    assert.strictEqual(await page.evaluate(() => 'locks' in navigator), name !== 'missing', name);
    await fillAndSubmit(page);
    await page.waitForSelector('.tanya-delivery[data-state=sent]');
    assert.strictEqual(received.length, 1, name);
    await context.close();
  }
});

/** A site whose endpoint is `handler(req, res)`, and a phone page on it that has submitted the form. */
async function submitTo(handler) {
  const server = await serve({ config: { survey: survey('allow'), endpoint: { url: '/api/submissions' } }, handler });
  test.after(() => server.close());
  const { context, page } = await phonePage(browser, { locale: 'en-US' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  return { context, page };
}

test('an endpoint that redirects does not make the entry look delivered', async () => {
  const posted = [];
  const followed = [];
  const { context, page } = await submitTo((req, res) => {
    if (req.url.startsWith('/login')) {
      followed.push(req.method);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>Please log in</p>');
      return true;
    }
    if (!req.url.startsWith('/api/submissions')) return false;
    req.resume();
    req.on('end', () => {
      posted.push(req.method);
      res.writeHead(302, { location: '/login' });
      res.end();
    });
    return true;
  });
  await page.waitForSelector('.tanya-delivery[data-state=rejected]');
  assert.match(await page.textContent('.tanya-reason'), /redirect/);
  assert.deepStrictEqual(posted, ['POST']);
  assert.deepStrictEqual(followed, [], 'the redirect was not followed as a GET');
  const stored = await storedOutbox(page);
  assert.ok(stored[0].body.includes('submission_id'), 'the answers are kept for a retry or download');
  await context.close();
});

test('a request unanswered for 30 s is aborted before the retry', async () => {
  const attempts = [];
  const { context, page } = await submitTo((req, res) => {
    if (!req.url.startsWith('/api/submissions')) return false;
    const attempt = { aborted: false, retryStartedWhileOpen: false };
    if (attempts.length > 0 && !attempts[0].aborted) attempts[0].retryStartedWhileOpen = true;
    attempts.push(attempt);
    req.resume();
    res.on('close', () => { if (!res.writableEnded) attempt.aborted = true; });
    // The first attempt hangs; the retry is answered.
    if (attempts.length > 1) req.on('end', () => { res.writeHead(201); res.end('{}'); });
    return true;
  });
  await page.waitForSelector('.tanya-delivery[data-state=sent]', { timeout: 45000 });
  assert.strictEqual(attempts.length, 2);
  assert.ok(attempts[0].aborted, 'the browser dropped the first request');
  assert.ok(!attempts[0].retryStartedWhileOpen, 'the retry began after the first was aborted');
  await context.close();
});

/** An init script for one page: IndexedDB opens and reads, but refuses every write (a full disk). */
const refuseIdbWrites = () => {
  IDBObjectStore.prototype.put = () => { throw new DOMException('disk full', 'QuotaExceededError'); };
};

test('entries kept in localStorage after IndexedDB refused a write are sent after a reload', async () => {
  const { server, received, context, page } = await phone('allow');
  await context.route('**/api/submissions', (route) => route.abort('internetdisconnected'));
  await page.addInitScript(refuseIdbWrites);
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=queued]');
  assert.strictEqual(await page.$('.tanya-notice'), null, 'localStorage keeps it: no memory-only warning');
  await page.close();
  await context.unroute('**/api/submissions');
  const again = await context.newPage();
  await again.goto(server.url);
  await again.waitForSelector('[data-question]');
  for (let i = 0; i < 100 && received.length === 0; i++) await again.waitForTimeout(100);
  assert.strictEqual(received.length, 1, 'the reloaded page found and sent it');
  // The endpoint has it; the answer is stored a moment after.
  let state;
  for (let i = 0; i < 50 && state !== 'delivered'; i++) {
    state = (await storedOutbox(again))[0]?.state;
    if (state !== 'delivered') await again.waitForTimeout(100);
  }
  assert.strictEqual(state, 'delivered', 'moved back into IndexedDB');
  assert.strictEqual(await again.evaluate(() => localStorage.getItem('tanya:outbox')), null);
  await context.close();
});

test('an entry that no storage will take is sent from memory, with the warning', async () => {
  const { server, received, context, page } = await phone('allow');
  await page.addInitScript(refuseIdbWrites);
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'tanya:outbox') throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await submitFromMemory(page, received);
  // Delivered, the draft (its only lasting copy until then) is done with,
  // as for a stored entry: the next visit does not resume what was sent.
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.startsWith('tanya:draft:')));
  await page.reload();
  await page.waitForSelector('[data-question=q1]');
  assert.strictEqual(await page.$('[data-question=q1] input:checked'), null, 'a fresh entry');
  assert.strictEqual(received.length, 1);
  await context.close();
});

test('a tab the respondent comes back to shows the answers given in another tab since', async () => {
  const { server, received, context, page } = await phone('allow');
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await page.check('[data-question=q1] input >> nth=1');
  // The link tapped again opens a second tab, which resumes the draft.
  const other = await context.newPage();
  await other.goto(server.url);
  await other.waitForSelector('[data-question=q1] input:checked');
  await other.fill('[data-question=q2] input', 'Ambon');
  await other.check('[data-question=q3] input >> nth=0');
  // Back in the first tab: it follows, and its next change keeps them.
  await page.bringToFront();
  await page.waitForFunction(() => document.querySelector('[data-question=q2] input').value === 'Ambon');
  assert.ok(await page.isChecked('[data-question=q3] input >> nth=0'));
  await page.check('[data-question=q3] input >> nth=2');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  assert.deepStrictEqual(received[0].json.answers, { q1: 'b', q2: 'Ambon', q3: ['x', 'z'] });
  // The entry sent, the other tab starts a new one rather than offer the sent answers again.
  await other.waitForFunction(() => document.querySelector('[data-question=q2] input').value === '');
  assert.strictEqual(await other.$('[data-question=q1] input:checked'), null);
  assert.deepStrictEqual(page.errors, []);
  assert.deepStrictEqual(other.errors || [], []);
  await context.close();
});

test('a tab left open after its draft was sent elsewhere starts a new entry', async () => {
  const { server, received, context, page } = await phone('allow');
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await page.check('[data-question=q1] input >> nth=0');
  const stale = await context.newPage();
  await stale.goto(server.url);
  await stale.waitForSelector('[data-question=q1] input:checked');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  // The stale tab writes the draft back under the id just sent.
  await stale.fill('[data-question=q2] input', 'Ambon');
  const fresh = await context.newPage();
  await fresh.goto(server.url);
  await fresh.waitForSelector('[data-question=q1]');
  assert.strictEqual(await fresh.$('[data-question=q1] input:checked'), null, 'the sent draft is not resumed');
  await stale.check('[data-question=q1] input >> nth=0');
  await stale.click('button.tanya-next');
  await stale.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 2);
  assert.notStrictEqual(received[1].json.submission_id, received[0].json.submission_id, 'a new entry, not a replay');
  assert.strictEqual(received[1].json.answers.q2, 'Ambon');
  await context.close();
});

test('a tab closed before the outbox stored the entry keeps the draft to send again', async () => {
  const { server, received, context, page } = await phone('block');
  // A slow phone: every IndexedDB open takes 2 s to succeed.
  await page.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      const request = open.apply(this, args);
      Object.defineProperty(request, 'onsuccess', {
        set(handler) { request.addEventListener('success', (e) => setTimeout(() => handler.call(request, e), 2000)); },
      });
      return request;
    };
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.close();
  const again = await context.newPage();
  await again.goto(server.url);
  await again.waitForSelector('[data-question=q1] input:checked');
  assert.strictEqual(await again.$('.tanya-duplicate'), null, 'not counted as submitted');
  assert.strictEqual(await again.inputValue('[data-question=q2] input'), ' Makassar ');
  await again.click('button.tanya-next');
  await again.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  await context.close();
});

test('a refused entry is listed again on the next visit, where it can be retried', async () => {
  const { server, received, context, page } = await phone('warn', {
    status: (n) => (n === 1 ? [401, '{"error":"token expired"}'] : 201),
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-question]');
  await fillAndSubmit(page);
  await page.waitForSelector('.tanya-delivery[data-state=rejected]');
  await page.goto(server.url);
  await page.waitForSelector('.tanya-duplicate');
  await page.waitForSelector('.tanya-delivery[data-state=rejected]');
  assert.match(await page.textContent('.tanya-reason'), /HTTP 401: \{"error":"token expired"\}/);
  await page.click('button.tanya-retry');
  for (let i = 0; i < 50 && received.length < 2; i++) await page.waitForTimeout(100);
  await page.waitForSelector('.tanya-delivery[data-state=rejected]', { state: 'detached' });
  assert.strictEqual(received.length, 2);
  assert.strictEqual(received[1].json.submission_id, received[0].json.submission_id, 'the same entry, retried');
  await page.click('.tanya-start-new');
  await page.waitForSelector('[data-question=q1]');
  assert.strictEqual(await page.$('.tanya-delivery'), null, 'nothing left to list');
  await context.close();
});
