// `tanya site`: page 1 is in index.html before the app arrives; typing on it
// is kept when the app takes over in place; without JavaScript it is read.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { serve, launch, phonePage, recordEntries, dist, root } = require('./support.cjs');

const cli = process.env.TANYA_CLI || path.join(root, 'target', 'debug', 'tanya');

const SURVEY = {
  title: { default: 'Survei layanan', en: 'Service survey' },
  tanya: { id: 'site-test', duplicates: { policy: 'allow' }, prefill: ['visit'] },
  pages: [
    { name: 'p1', elements: [
      { type: 'text', name: 'name', title: { default: 'Nama Anda', en: 'Your name' }, isRequired: true },
      { type: 'radiogroup', name: 'visit', title: { default: 'Kunjungan', en: 'Visit' }, isRequired: true,
        choices: [{ value: 'first', text: { default: 'Pertama', en: 'First' } }, { value: 'again', text: { default: 'Ulang', en: 'Again' } }] },
      { type: 'comment', name: 'why', title: { default: 'Mengapa kembali?', en: 'Why again?' }, visibleIf: "{visit} = 'again'" },
      { type: 'radiogroup', name: 'channel', title: 'Saluran', defaultValue: 'loket', choices: ['loket', 'daring'] },
      { type: 'dropdown', name: 'city', title: 'Kota', choices: [{ value: 'jkt', text: 'Jakarta' }, { value: 'bdg', text: 'Bandung' }] },
      { type: 'radiogroup', name: 'mood', title: 'Suasana', choicesOrder: 'random', choices: ['a', 'b', 'c', 'd'] },
      { type: 'matrix', name: 'rate', title: 'Penilaian',
        rows: [{ value: 'staff', text: 'Petugas' }, { value: 'wait', text: 'Waktu tunggu' }, { value: 'room', text: 'Ruang' }], columns: [1, 2, 3] },
      { type: 'rating', name: 'ease', title: 'Kemudahan', rateValues: [1, 2, 3] },
      { type: 'comment', name: 'hard', title: 'Apa yang sulit?', visibleIf: '{ease} = 1' },
      { type: 'text', name: 'office', title: 'Kantor', defaultValue: 'Pusat' },
      // A default a date box cannot show (a timestamp): drawn empty, so its
      // value reads "" though nobody emptied it; it must stay.
      { type: 'text', name: 'day', inputType: 'date', title: 'Tanggal', defaultValue: '2024-01-02T10:00:00' },
      // A name that is also a property of every JavaScript object.
      { type: 'text', name: 'constructor', title: 'Catatan lain' },
      { type: 'paneldynamic', name: 'household', title: 'Anggota', panelCount: 1,
        templateElements: [{ type: 'text', name: 'who', title: 'Nama anggota' }] },
      { type: 'multipletext', name: 'contact', title: 'Kontak',
        items: [{ name: 'phone', title: 'Telepon' }, { name: 'age', title: 'Umur', inputType: 'number' }] },
      // Cleared whenever the question after it becomes "lama".
      { type: 'text', name: 'remark', title: 'Keterangan', resetValueIf: "{kind} = 'lama'" },
      { type: 'radiogroup', name: 'kind', title: 'Jenis', choices: ['baru', 'lama'] },
    ] },
    { name: 'p2', elements: [{ type: 'rating', name: 'score', title: { default: 'Nilai', en: 'Score' } }] },
  ],
};

let browser;
let site;
test.before(async () => {
  browser = await launch();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-site-'));
  fs.writeFileSync(path.join(dir, 'q.json'), JSON.stringify(SURVEY));
  site = path.join(dir, 'site');
  execFileSync(cli, ['site', path.join(dir, 'q.json'), '--app', dist, '-o', site, '--endpoint', '/api/submissions']);
});
test.after(async () => { await browser.close(); });

/** Serves the site, holding the wasm back until `release()`; `hold()`
 * holds it back again. */
async function held(received) {
  let release;
  let gate = new Promise((ok) => { release = ok; });
  const hold = () => { gate = new Promise((ok) => { release = ok; }); };
  const record = recordEntries(received);
  const server = await serve({
    dir: site,
    handler: (req, res) => {
      if (!req.url.endsWith('_bg.wasm')) return record(req, res);
      const file = path.join(site, new URL(req.url, 'http://x').pathname);
      gate.then(() => {
        res.writeHead(200, { 'content-type': 'application/wasm' });
        res.end(fs.readFileSync(file));
      });
      return true;
    },
  });
  test.after(() => server.close());
  return { server, release: () => release(), hold };
}

test('page 1 shows before the app, and what was typed on it is kept when the app takes over', async () => {
  const received = [];
  // The wasm is held back until everything below has been done on the prerendered page.
  const { server, release } = await held(received);
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  // Layout shifts not caused by the respondent's own input, as Core Web Vitals counts them.
  await page.addInitScript(() => {
    window.tanyaShifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.tanyaShifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=name] input');
  assert.strictEqual(await page.getAttribute('#tanya', 'data-tanya-ready'), null, 'the app has not started');
  assert.strictEqual((await page.textContent('h1')).trim(), 'Survei layanan');
  assert.ok(await page.isChecked('[data-question=channel] input[value=loket]'), 'a default is drawn');
  await page.fill('[data-question=name] input', 'Siti');
  // Enter in a text box (a native submit) must not reload the page and lose it all.
  await page.press('[data-question=name] input', 'Enter');
  await page.click('[data-question=visit] label:has-text("Ulang")');
  // The question that answer reveals shows at once, from the engine's table in the page.
  await page.waitForSelector('[data-question=why] textarea', { state: 'visible', timeout: 1000 });
  await page.fill('[data-question=why] textarea', 'Belum selesai');
  await page.click('[data-question=visit] label:has-text("Pertama")');
  await page.waitForSelector('[data-question=why]', { state: 'hidden', timeout: 1000 });
  await page.click('[data-question=visit] label:has-text("Ulang")');
  await page.waitForSelector('[data-question=why] textarea', { state: 'visible', timeout: 1000 });
  // A tap over a default the prerendered page could not show is the respondent's choice.
  await page.click('[data-question=channel] label:has-text("daring")');
  await page.selectOption('[data-question=city] select', { label: 'Bandung' });
  // A rating reveals its follow-up at once too.
  await page.click('[data-question=ease] label >> nth=0');
  await page.waitForSelector('[data-question=hard] textarea', { state: 'visible', timeout: 1000 });
  // Choices in an order drawn per entry wait, unseen, for the app; their place is kept.
  assert.strictEqual(await page.isVisible('[data-question=mood] input >> nth=0'), false, 'random order not shown yet');
  assert.ok(await page.isVisible('[data-question=mood] .tanya-title'));
  // A matrix cell and a multiple-text item.
  await page.check('[data-question=rate] input[data-row=wait][value="2"]');
  await page.fill('[data-question=contact] input >> nth=1', '42');
  // A default is drawn on the page; the respondent empties it.
  assert.strictEqual(await page.inputValue('[data-question=office] input'), 'Pusat');
  await page.fill('[data-question=office] input', '');
  // A question in a roster's panel.
  await page.fill('[data-question="household[0].who"] input', 'Ani');
  await page.click('[data-question=name] input');
  assert.strictEqual(new URL(page.url()).search, '', 'still the same page');
  const before = await page.locator('[data-question=name] input').boundingBox();
  assert.strictEqual(await page.getAttribute('#tanya', 'data-tanya-ready'), null, 'all that before the app');
  // A shift within 500 ms of input is not counted (hadRecentInput): the
  // takeover comes later, so any shift it causes counts.
  await page.waitForTimeout(700);
  release();

  await page.waitForSelector('#tanya[data-tanya-ready]');
  assert.strictEqual(await page.inputValue('[data-question=name] input'), 'Siti');
  assert.ok(await page.isChecked('[data-question=visit] input[value=again]'));
  assert.ok(await page.isChecked('[data-question=channel] input[value=daring]'), 'the tap, not the default');
  assert.strictEqual(await page.$eval('[data-question=city] select', (s) => s.selectedOptions[0].textContent.trim()), 'Bandung');
  await page.waitForSelector('[data-question=why] textarea', { state: 'visible' });
  assert.ok(await page.isChecked('[data-question=rate] input[data-row=wait][value="2"]'), 'the matrix cell');
  assert.ok(await page.isVisible('[data-question=mood] input >> nth=0'), 'the entry\'s own order, shown by the app');
  assert.strictEqual(await page.inputValue('[data-question=contact] input >> nth=1'), '42');
  assert.strictEqual(await page.inputValue('[data-question=office] input'), '', 'the emptied default stays empty');
  assert.strictEqual(await page.inputValue('[data-question="household[0].who"] input'), 'Ani', 'the roster panel\'s answer');
  assert.ok(await page.evaluate(() => document.activeElement.closest('[data-question]')?.dataset.question === 'name'),
    'focus stays in the name box');
  const after = await page.locator('[data-question=name] input').boundingBox();
  assert.deepStrictEqual(after, before, 'nothing moved');
  assert.strictEqual(await page.locator('[data-tanya-prerendered], [id^=tanya-pre-]').count(), 0, 'the prerendered copy is gone');
  await page.waitForTimeout(300);
  const shifts = await page.evaluate(() => window.tanyaShifts);
  const score = shifts.reduce((a, b) => a + b, 0);
  assert.ok(score < 0.01, `layout-shift score ${score}`);
  // The observer does see shifts: a block pushed in above the form moves it.
  await page.evaluate(() => {
    const block = document.createElement('div');
    block.textContent = 'x';
    block.className = 'tanya-notice';
    document.body.prepend(block);
  });
  await page.waitForFunction(() => window.tanyaShifts.length > 0);

  assert.strictEqual(await page.inputValue('[data-question=why] textarea'), 'Belum selesai', 'typed before the app');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=score]');
  await page.click('[data-question=score] label >> nth=2');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers,
    { name: 'Siti', visit: 'again', why: 'Belum selesai', channel: 'daring', city: 'bdg', rate: { wait: 2 },
      ease: 1, day: '2024-01-02T10:00:00', contact: { age: 42 }, household: [{ who: 'Ani' }], score: 3 });
  assert.deepStrictEqual(page.errors, []);
});

test('answers given before the app are taken over in the order given, so the rules they run meet the others as they did', async () => {
  const { server, release } = await held([]);
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=kind] input');
  // `goto` waits for the load event, and the loader's module script has
  // run its first lines (preview.js, which notes the order) before it.
  // "lama" clears the remark, which stands before it on the page: given
  // first, it cleared an empty box, and the remark typed after it stays.
  await page.click('[data-question=kind] label:has-text("lama")');
  await page.fill('[data-question=remark] input', 'tetap');
  assert.strictEqual(await page.getAttribute('#tanya', 'data-tanya-ready'), null, 'all that before the app');
  release();
  await page.waitForSelector('#tanya[data-tanya-ready]');
  assert.ok(await page.isChecked('[data-question=kind] input[value=lama]'));
  assert.strictEqual(await page.inputValue('[data-question=remark] input'), 'tetap', 'typed after the tap, kept');
  // In the app the rule still runs: tapping "lama" again after a change clears it.
  await page.click('[data-question=kind] label:has-text("baru")');
  await page.click('[data-question=kind] label:has-text("lama")');
  await page.waitForFunction(() => document.querySelector('[data-question=remark] input').value === '');
  assert.deepStrictEqual(page.errors, []);
});

test('what is typed on page 1 before the app is kept over a stored draft, whose other answers and page stay', async () => {
  const received = [];
  const { server, release, hold } = await held(received);
  release();
  const first = await phonePage(browser, { locale: 'id-ID' });
  await first.page.goto(server.url);
  await first.page.waitForSelector('#tanya[data-tanya-ready]');
  await first.page.fill('[data-question=name] input', 'Siti');
  await first.page.click('[data-question=visit] label:has-text("Ulang")');
  await first.page.fill('[data-question=why] textarea', 'Belum selesai');
  await first.page.fill('[data-question="household[0].who"] input', 'Ani');
  // Back later, in a fresh browser context (nothing cached) that keeps the draft.
  const state = await first.context.storageState();
  await first.context.close();
  hold();
  const { context, page } = await phonePage(browser, { locale: 'id-ID', storageState: state });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=name] input');
  assert.strictEqual(await page.inputValue('[data-question=name] input'), '', 'page 1 is drawn without the draft');
  await page.fill('[data-question=name] input', 'Siti Aminah');
  // A roster's blank panel on the page stands where the draft has Ani.
  await page.fill('[data-question="household[0].who"] input', 'Citra');
  assert.strictEqual(await page.getAttribute('#tanya', 'data-tanya-ready'), null, 'typed before the app');
  release();
  await page.waitForSelector('#tanya[data-tanya-ready]');
  assert.strictEqual(await page.inputValue('[data-question=name] input'), 'Siti Aminah', 'the latest answer');
  assert.ok(await page.isChecked('[data-question=visit] input[value=again]'), 'the draft\'s other answers');
  assert.strictEqual(await page.inputValue('[data-question=why] textarea'), 'Belum selesai');
  assert.strictEqual(await page.inputValue('[data-question="household[0].who"] input'), 'Ani',
    'a roster cell is not written over the draft\'s member');
  assert.deepStrictEqual(page.errors, []);
  await context.close();
});

test('a language asked for in the link re-renders page 1 in it on takeover', async () => {
  const { server, release } = await held([]);
  release();
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(`${server.url}?lang=en`);
  await page.waitForSelector('#tanya[data-tanya-ready]');
  assert.strictEqual((await page.textContent('h1')).trim(), 'Service survey');
  assert.strictEqual((await page.textContent('button.tanya-next')).trim(), 'Next');
  assert.deepStrictEqual(page.errors, []);
});

test('an answer prefilled from the link, which page 1 could not show, is there once the app takes over', async () => {
  const { server, release } = await held([]);
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(`${server.url}?visit=again`);
  await page.waitForSelector('[data-question=visit]');
  assert.strictEqual(await page.isChecked('[data-question=visit] input[value=again]'), false, 'not on the prerendered page');
  release();
  await page.waitForSelector('#tanya[data-tanya-ready]');
  assert.ok(await page.isChecked('[data-question=visit] input[value=again]'));
  await page.waitForSelector('[data-question=why] textarea', { state: 'visible' });
  assert.deepStrictEqual(page.errors, []);
});

test('when the app cannot load, page 1 stays readable under the message, choices in a drawn order included', async () => {
  const server = await serve({
    dir: site,
    handler: (req, res) => {
      if (!req.url.endsWith('_bg.wasm')) return false;
      res.writeHead(500);
      res.end();
      return true;
    },
  });
  test.after(() => server.close());
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('.tanya-load-error[role=alert]', { timeout: 20000 });
  assert.match(await page.textContent('.tanya-load-error'), /tidak dapat dimuat/);
  assert.ok(await page.isVisible('[data-question=name] input'));
  assert.ok(await page.isVisible('[data-question=mood] input >> nth=0'), 'shown as written, not left unseen');
});

test('without JavaScript page 1 is readable and says answering needs JavaScript', async () => {
  const { server } = await held([]);
  const { page } = await phonePage(browser, { locale: 'id-ID', javaScriptEnabled: false });
  await page.goto(server.url);
  assert.ok(await page.isVisible('[data-question=name]'));
  assert.ok((await page.textContent('[data-question=visit]')).includes('Pertama'));
  assert.ok((await page.textContent('noscript, .tanya-notice')).includes('JavaScript'));
});
