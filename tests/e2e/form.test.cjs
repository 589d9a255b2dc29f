// The respondent's form on a phone (390×844): the demo for each group, skip
// logic, every-row-required, resume after reload, language switch, hostile
// strings, accessibility (axe-core) and keyboard-only use.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { serve, launch, phonePage, recordEntries, axe } = require('./support.cjs');


let server;
let browser;
test.before(async () => {
  // The demo posts to /api/submissions (the collector's endpoint): accept it here.
  server = await serve({
    handler: recordEntries(),
  });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.close();
});

/** Answers every visible, unanswered question of the current page with its first option. */
async function fillPage(page) {
  for (let pass = 0; pass < 3; pass++) {
    await page.evaluate(() => {
      const visible = (el) => !el.closest('[hidden]');
      for (const q of document.querySelectorAll('.tanya-page [data-question]')) {
        if (!visible(q)) continue;
        const groups = new Map();
        for (const r of q.querySelectorAll('input[type=radio]')) {
          if (!groups.has(r.name)) groups.set(r.name, []);
          groups.get(r.name).push(r);
        }
        for (const radios of groups.values()) {
          if (!radios.some((r) => r.checked)) radios[0].click();
        }
        const boxes = [...q.querySelectorAll('input[type=checkbox]')];
        if (boxes.length && !boxes.some((b) => b.checked)) boxes[0].click();
        const sel = q.querySelector('select');
        if (sel && !sel.value) { sel.value = '0'; sel.dispatchEvent(new Event('change')); }
        for (const i of q.querySelectorAll('input[inputmode=decimal]')) {
          if (!i.value) { i.value = '3'; i.dispatchEvent(new Event('input')); }
        }
        for (const i of q.querySelectorAll('input[type=text]:not(.tanya-other), input[type=email], textarea')) {
          if (!i.value && visible(i)) { i.value = 'catatan'; i.dispatchEvent(new Event('input')); }
        }
      }
    });
    await page.waitForTimeout(30);
  }
}

async function currentPage(page) {
  return page.$eval('.tanya-page', (e) => e.dataset.page).catch(() => null);
}

/** Fills and moves on until the thank-you screen; returns the pages seen. */
async function complete(page) {
  const seen = [];
  for (let i = 0; i < 20; i++) {
    if (await page.$('.tanya-done')) return seen;
    seen.push(await currentPage(page));
    await fillPage(page);
    await page.click('button.tanya-next');
    await page.waitForTimeout(60);
    if (await page.$('#tanya-summary')) {
      // Soft-required questions ask once: a second press goes on.
      await page.click('button.tanya-next');
      await page.waitForTimeout(60);
    }
  }
  throw new Error(`never finished; pages seen: ${seen}`);
}

async function open(url, options = {}) {
  const { context, page } = await phonePage(browser, options);
  await page.goto(server.url + url);
  await page.waitForSelector('[data-question]', { timeout: 20000 });
  return { context, page };
}

test('the demo can be completed by each respondent group', async () => {
  const expected = {
    internal: ['responden', 'internal_sdm', 'internal_integritas', 'penutup'],
    eksternal: ['responden', 'layanan', 'integritas_layanan', 'penutup'],
    eksper: ['responden', 'eksper', 'penutup'],
  };
  for (const [group, pages] of Object.entries(expected)) {
    const { context, page } = await open(`?group=${group}&lang=en`);
    assert.ok(await page.isChecked(`[data-question=group] input[type=radio] >> nth=${Object.keys(expected).indexOf(group)}`),
      `?group=${group} is prefilled`);
    const seen = await complete(page);
    assert.deepStrictEqual(seen, pages, `${group}: pages shown`);
    assert.match(await page.textContent('.tanya-done'), /Thank you/);
    assert.deepStrictEqual(page.errors, []);
    await context.close();
  }
});

test('skip logic hides and shows follow-up questions', async () => {
  const { context, page } = await open('?group=eksternal&lang=en');
  await fillPage(page);
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-page=layanan]');
  const shown = (name) => page.$eval(`[data-question=${name}]`, (e) => !e.hidden);
  assert.strictEqual(await shown('broker_reason'), false, 'no broker yet: no follow-up');
  await page.check('[data-question=broker] input >> nth=0');
  assert.strictEqual(await shown('broker_reason'), true, 'a broker: the reasons appear');
  assert.strictEqual(await shown('broker_fee'), true);
  await page.check('[data-question=broker] input >> nth=1');
  assert.strictEqual(await shown('broker_reason'), false, 'no broker again: hidden');
  await context.close();
});

test('an empty row of a required matrix blocks Next with a message', async () => {
  const { context, page } = await open('?group=internal&lang=en');
  await fillPage(page);
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-page=internal_sdm]');
  await page.check('[data-question=int_hr] fieldset.tanya-matrix-row >> nth=0 >> input >> nth=2');
  await page.click('button.tanya-next');
  await page.waitForSelector('#tanya-summary');
  assert.strictEqual(await currentPage(page), 'internal_sdm', 'still on the page');
  assert.match(await page.textContent('[data-question=int_hr] .tanya-error-msg'), /Please answer every row/);
  assert.match(await page.textContent('#tanya-summary'), /Human resources management/);
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'tanya-summary');
  await context.close();
});

test('a reload resumes on the same page with the same answers', async () => {
  const { context, page } = await open('?lang=en');
  await page.check('[data-question=group] input >> nth=1');
  await page.check('[data-question=consent] input >> nth=0');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-page=layanan]');
  await page.fill('[data-question=visits] input', '7');
  await page.check('[data-question=broker] input >> nth=0');
  await page.reload();
  await page.waitForSelector('[data-question]');
  assert.strictEqual(await currentPage(page), 'layanan');
  assert.strictEqual(await page.inputValue('[data-question=visits] input'), '7');
  assert.ok(await page.isChecked('[data-question=broker] input >> nth=0'));
  assert.ok(await page.$eval('[data-question=broker_reason]', (e) => !e.hidden), 'visibility restored too');
  await context.close();
});

test('the language switches in the page, keeping the answers', async () => {
  const { context, page } = await open('?lang=id');
  assert.match(await page.textContent('h1'), /Survei Penilaian Integritas/);
  assert.strictEqual(await page.getAttribute('html', 'lang'), 'id');
  await page.check('[data-question=group] input >> nth=2');
  await page.click('button.tanya-lang:has-text("English")');
  assert.match(await page.textContent('h1'), /Integrity Assessment Survey/);
  assert.match(await page.textContent('[data-question=group]'), /An expert/);
  assert.strictEqual(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.isChecked('[data-question=group] input >> nth=2'));
  await page.click('button.tanya-next');
  await page.waitForSelector('#tanya-summary');
  assert.match(await page.textContent('#tanya-summary'), /This question requires an answer/);
  await context.close();
});

test('questionnaire strings and URL parameters never run as HTML', async () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const survey = {
    title: evil,
    completedHtml: '<script>window.__pwned=2</script>Selesai',
    tanya: { prefill: ['name'], endpoint: { url: '/api/submissions' } },
    pages: [{ title: evil, elements: [
      { type: 'text', name: 'name', title: `Nama ${evil} {name}` },
      { type: 'radiogroup', name: 'group', choices: [{ value: 'a', text: '<b onmouseover=alert(1)>A</b>' }] },
      { type: 'html', name: 'h', html: '<iframe src="javascript:alert(1)"></iframe>Teks' },
    ] }],
  };
  const local = await serve({ config: { survey }, handler: recordEntries() });
  const { context, page } = await phonePage(browser);
  test.after(() => local.close());
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto(`${local.url}?name=${encodeURIComponent(evil)}&group=${encodeURIComponent('<b>x</b>')}`);
  await page.waitForSelector('[data-question]');
  assert.strictEqual(await page.textContent('h1'), evil, 'the title shows those characters');
  assert.match(await page.textContent('[data-question=name] label'), /<img src=x onerror=/);
  assert.strictEqual(await page.inputValue('[data-question=name] input'), evil, 'a URL value stays text');
  assert.match(await page.textContent('[data-question=name] label'), /window\.__pwned=1">$/, 'piped answer shown as text');
  assert.strictEqual(await page.$$eval('.tanya img, .tanya iframe, .tanya script, .tanya b', (e) => e.length), 0);
  await page.check('[data-question=group] input');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-done[data-delivered=true]');
  assert.strictEqual(await page.textContent('.tanya-done'), 'Selesai');
  assert.strictEqual(await page.evaluate(() => window.__pwned), undefined);
  assert.strictEqual(dialogs, 0);
  await context.close();
});

test('questionnaire HTML keeps its links, emphasis and lists, and nothing that runs', async () => {
  const survey = {
    completedHtml: '<h3>Terima kasih, {name}!</h3><p>Lihat <a href="https://kpk.go.id/hasil">hasilnya</a>.</p>',
    tanya: { endpoint: { url: '/api/submissions' } },
    pages: [{ elements: [
      { type: 'html', name: 'consent', html:
        '<p>Dengan mengisi, Anda menyetujui <a href="https://kpk.go.id/privasi" onclick="window.__pwned=1" style="color:red">kebijakan privasi</a>.</p>' +
        '<ul><li><b>Anonim</b></li><li><em>Sukarela</em></li></ul>' +
        '<a href="javascript:window.__pwned=2">bukan tautan</a><script>window.__pwned=3</script>' +
        '<img src="x" onerror="window.__pwned=4"><p onmouseover="window.__pwned=5">akhir</p>' },
      { type: 'text', name: 'name' },
    ] }],
  };
  const local = await serve({ config: { survey }, handler: recordEntries() });
  const { context, page } = await phonePage(browser);
  test.after(() => local.close());
  await page.goto(local.url);
  await page.waitForSelector('[data-question=consent] .tanya-html a');
  const link = await page.$eval('[data-question=consent] a', (a) => ({
    href: a.getAttribute('href'), target: a.target, rel: a.rel, text: a.textContent,
    attrs: a.getAttributeNames().sort(),
  }));
  assert.deepStrictEqual(link, {
    href: 'https://kpk.go.id/privasi', target: '_blank', rel: 'noopener noreferrer', text: 'kebijakan privasi',
    attrs: ['href', 'rel', 'target'],
  });
  assert.strictEqual(await page.$$eval('[data-question=consent] a', (a) => a.length), 1, 'the javascript: link is text');
  assert.match(await page.textContent('[data-question=consent]'), /bukan tautan/);
  assert.deepStrictEqual(
    await page.$$eval('[data-question=consent] li', (l) => l.map((x) => `${x.firstElementChild.tagName}:${x.textContent}`)),
    ['STRONG:Anonim', 'EM:Sukarela']);
  assert.strictEqual(await page.$$eval('.tanya script, .tanya img, [onmouseover], [onclick], [style]', (e) => e.length), 0);
  await page.fill('[data-question=name] input', 'Sari');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-done[data-delivered=true] h3');
  assert.strictEqual(await page.textContent('.tanya-done h3'), 'Terima kasih, Sari!', 'completedHtml is piped');
  assert.strictEqual(await page.getAttribute('.tanya-done a', 'href'), 'https://kpk.go.id/hasil');
  assert.strictEqual(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});

test('axe-core finds no violation on any demo page, phone and wide', async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1100, height: 900 }]) {
    for (const group of ['internal', 'eksternal', 'eksper']) {
      const { context, page } = await open(`?group=${group}&lang=id`, { viewport });
      for (let i = 0; i < 10 && !(await page.$('.tanya-done')); i++) {
        const name = await currentPage(page);
        assert.deepStrictEqual(await axe(page), [], `${group} ${name} at ${viewport.width}px`);
        await fillPage(page);
        await page.click('button.tanya-next');
        await page.waitForTimeout(60);
        if (await page.$('#tanya-summary')) {
          assert.deepStrictEqual(await axe(page), [], `${group} ${name} with the summary`);
          await page.click('button.tanya-next');
          await page.waitForTimeout(60);
        }
      }
      assert.deepStrictEqual(await axe(page), [], `${group} thank-you page`);
      await page.reload();
      await page.waitForSelector('.tanya-duplicate');
      assert.deepStrictEqual(await axe(page), [], `${group} duplicate screen`);
      await context.close();
    }
  }
});

test('the first page works by keyboard alone', async () => {
  const { context, page } = await open('?lang=en');
  // Tab from the top: two language buttons, then the first radio.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.strictEqual(await page.evaluate(() => document.activeElement.name), 'tanya-g-group');
  await page.keyboard.press('ArrowDown'); // moves to and selects the second choice
  assert.ok(await page.isChecked('[data-question=group] input >> nth=1'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // consent: "Ya", the first of the pair
  assert.ok(await page.isChecked('[data-question=consent] input >> nth=0'));
  await page.keyboard.press('Enter'); // submits the page form: Next
  await page.waitForSelector('[data-page=layanan]');
  await context.close();
});
