// SurveyJS semantics in the browser: a `complete` trigger ends the
// questionnaire early, a start page (firstPageIsStarted) comes first, a
// review page comes before Submit, and a questionnaire in English and
// French is shown in French to a French phone.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { serve, launch, phonePage, recordEntries, axe } = require('./support.cjs');

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });

async function site(survey) {
  const received = [];
  const server = await serve({ config: { survey }, handler: recordEntries(received) });
  test.after(() => server.close());
  return { server, received };
}

test('a complete trigger turns Next into Submit and ends the questionnaire early', async () => {
  const { server, received } = await site({
    title: 'Pemicu',
    tanya: { id: 'trigger', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
    triggers: [{ type: 'complete', name: 'age', operator: 'less', value: 17 }],
    pages: [
      { elements: [{ type: 'text', name: 'age', inputType: 'number', isRequired: true }] },
      { elements: [{ type: 'text', name: 'job', isRequired: true }] },
    ],
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=age]');
  assert.strictEqual((await page.textContent('button.tanya-next')).trim(), 'Berikutnya');
  await page.fill('[data-question=age] input', '12');
  await page.waitForFunction(() => document.querySelector('button.tanya-next').textContent.trim() === 'Kirim');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  assert.deepStrictEqual(received[0].answers, { age: 12 }, 'sent without the second page');
  assert.deepStrictEqual(page.errors, []);
});

test('a start page comes first, without progress, and Start leads to the first page', async () => {
  const { server } = await site({
    title: 'Mulai',
    showProgressBar: 'top',
    firstPageIsStarted: true,
    startSurveyText: 'Ayo mulai',
    tanya: { id: 'start', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
    pages: [
      { name: 'welcome', elements: [{ type: 'html', name: 'hello', html: 'Selamat datang' }] },
      { name: 'p1', elements: [{ type: 'text', name: 'a' }] },
      { name: 'p2', elements: [{ type: 'text', name: 'b' }] },
    ],
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-page=welcome]');
  assert.strictEqual(await page.$('.tanya-progress'), null, 'no progress on the start page');
  assert.strictEqual((await page.textContent('button.tanya-next')).trim(), 'Ayo mulai');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-page=p1]');
  assert.match(await page.textContent('.tanya-progress-text'), /1 dari 2/, 'the start page is not counted');
  assert.strictEqual(await page.$('button.tanya-prev'), null, 'no way back to the start page');
  assert.deepStrictEqual(page.errors, []);
});

test('a review page before Submit shows every answer as text, edits a page, and sends only on Submit', async () => {
  const { server, received } = await site({
    title: 'Integritas',
    showPreviewBeforeComplete: 'showAllQuestions',
    tanya: { id: 'review', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
    pages: [
      { title: 'Layanan', elements: [
        { type: 'radiogroup', name: 'svc', title: 'Layanan yang digunakan', isRequired: true,
          choices: [{ value: 'ktp', text: 'KTP elektronik' }, { value: 'kk', text: 'Kartu Keluarga' }] },
        { type: 'comment', name: 'note', title: 'Catatan' },
      ] },
      { title: 'Pengalaman', elements: [
        { type: 'boolean', name: 'asked', title: 'Diminta imbalan?', labelTrue: 'Ya, diminta', labelFalse: 'Tidak' },
      ] },
    ],
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=svc]');
  await page.check('[data-question=svc] input >> nth=0');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=asked]');
  assert.strictEqual((await page.textContent('button.tanya-next')).trim(), 'Periksa jawaban');
  await page.check('[data-question=asked] input >> nth=0');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-review');
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'tanya-review-heading');
  const shown = await page.$$eval('.tanya-review-page', (ps) => ps.map((p) => ({
    page: p.querySelector('h3').textContent,
    rows: [...p.querySelectorAll('dt')].map((dt) => `${dt.textContent} = ${dt.nextElementSibling.textContent}`),
  })));
  assert.deepStrictEqual(shown, [
    { page: 'Layanan', rows: ['Layanan yang digunakan = KTP elektronik', 'Catatan = Belum dijawab'] },
    { page: 'Pengalaman', rows: ['Diminta imbalan? = Ya, diminta'] },
  ]);
  assert.strictEqual(received.length, 0, 'nothing is sent from the review page');
  assert.deepStrictEqual(await axe(page), [], 'axe on the review page');
  // Edit the first page, then come back to the review through the last page.
  await page.click('.tanya-review-page[data-page=page1] button.tanya-edit');
  await page.waitForSelector('[data-question=svc]');
  await page.check('[data-question=svc] input >> nth=1');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=asked]');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-review');
  assert.match(await page.textContent('.tanya-review'), /Kartu Keluarga/);
  await page.click('.tanya-review button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  assert.deepStrictEqual(received[0].answers, { svc: 'kk', asked: true });
  assert.deepStrictEqual(page.errors, []);
});

test('a questionnaire in English and French is shown in French, with its own words for the form', async () => {
  const { server, received } = await site({
    locale: 'en',
    title: { default: 'Desk booking', fr: 'Réservation de bureau' },
    tanya: {
      id: 'french', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' },
      texts: { fr: { next: 'Suivant', submit: 'Envoyer', required: 'Réponse obligatoire.' } },
    },
    pages: [
      { name: 'p1', elements: [{
        type: 'radiogroup', name: 'floor', isRequired: true,
        title: { default: 'Which floor?', fr: 'Quel étage ?' },
        choices: [{ value: 1, text: { default: 'First', fr: 'Premier' } }, { value: 2, text: { default: 'Second', fr: 'Deuxième' } }],
      }] },
      { name: 'p2', elements: [{ type: 'text', name: 'note', title: { default: 'Note', fr: 'Remarque' } }] },
    ],
  });
  const { page } = await phonePage(browser, { locale: 'fr-FR' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=floor]');
  assert.strictEqual(await page.getAttribute('html', 'lang'), 'fr');
  assert.strictEqual((await page.textContent('h1')).trim(), 'Réservation de bureau');
  assert.match(await page.textContent('[data-question=floor] .tanya-title'), /Quel étage \?/);
  assert.match(await page.textContent('[data-question=floor]'), /Premier.*Deuxième/s);
  assert.strictEqual((await page.textContent('button.tanya-next')).trim(), 'Suivant');
  const offered = await page.$$eval('button.tanya-lang', (bs) => bs.map((b) => b.textContent.trim()));
  assert.deepStrictEqual(offered, ['English', 'Français'], 'only the languages the questionnaire has');

  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=floor] .tanya-error-msg');
  assert.strictEqual((await page.textContent('[data-question=floor] .tanya-error-msg')).trim(), 'Réponse obligatoire.');

  await page.click('button.tanya-lang:has-text("English")');
  await page.waitForFunction(() => document.querySelector('h1').textContent.trim() === 'Desk booking');
  assert.strictEqual((await page.textContent('button.tanya-next')).trim(), 'Next', "Tanya's own English");
  await page.click('button.tanya-lang:has-text("Français")');
  await page.waitForFunction(() => document.querySelector('button.tanya-next').textContent.trim() === 'Suivant');

  await page.click('[data-question=floor] label:has-text("Deuxième")');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=note]');
  assert.strictEqual((await page.textContent('button.tanya-next')).trim(), 'Envoyer');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, { floor: 2 });
  assert.deepStrictEqual(page.errors, []);
});

test('select all ticks every choice, and a later question offers only the chosen ones', async () => {
  const { server, received } = await site({
    title: 'Layanan',
    tanya: { id: 'carry', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
    pages: [
      { name: 'p1', elements: [{
        type: 'checkbox', name: 'used', showSelectAllItem: true, isRequired: true,
        choices: [{ value: 'ktp', text: 'KTP' }, { value: 'kk', text: 'Kartu Keluarga' }, { value: 'sim', text: 'SIM' }],
      }] },
      { name: 'p2', elements: [{
        type: 'radiogroup', name: 'best', isRequired: true, choicesFromQuestion: 'used', choicesFromQuestionMode: 'selected',
      }] },
    ],
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=used]');
  await page.click('.tanya-select-all input');
  const ticked = () => page.$$eval('[data-question=used] .tanya-choice:not(.tanya-select-all) input', (xs) => xs.map((x) => x.checked));
  assert.deepStrictEqual(await ticked(), [true, true, true]);
  await page.click('[data-question=used] label:has-text("Kartu Keluarga")');
  assert.deepStrictEqual(await ticked(), [true, false, true]);
  assert.strictEqual(await page.isChecked('.tanya-select-all input'), false, 'no longer all');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=best]');
  const shown = await page.$$eval('[data-question=best] .tanya-choice', (ls) => ls.filter((l) => !l.hidden).map((l) => l.textContent.trim()));
  assert.deepStrictEqual(shown, ['KTP', 'SIM'], 'only what was chosen');
  await page.click('[data-question=best] label:has-text("SIM")');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, { used: ['ktp', 'sim'], best: 'sim' });
  assert.deepStrictEqual(page.errors, []);
});

test("a question's choices are a dynamic panel's items, and follow them as they are typed", async () => {
  const { server, received } = await site({
    title: 'Rumah tangga',
    tanya: { id: 'carry-items', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
    pages: [{ name: 'p1', elements: [
      { type: 'paneldynamic', name: 'household', panelCount: 2, templateElements: [
        { type: 'text', name: 'name', title: 'Nama' }, { type: 'text', name: 'nik', title: 'NIK' }] },
      { type: 'dropdown', name: 'head', title: 'Kepala rumah tangga', isRequired: true,
        choicesFromQuestion: 'household', choiceValuesFromQuestion: 'nik', choiceTextsFromQuestion: 'name' },
    ] }],
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=head] select');
  const options = () => page.$$eval('[data-question=head] option', (os) => os.filter((o) => o.value !== '').map((o) => o.textContent.trim()));
  assert.deepStrictEqual(await options(), [], 'no item has a value yet');
  const field = (i, name) => `[data-question="household[${i}].${name}"] input`;
  await page.fill(field(0, 'nik'), '3171');
  await page.fill(field(0, 'name'), 'Siti');
  await page.fill(field(1, 'nik'), '3172');
  await page.waitForFunction(() => document.querySelectorAll('[data-question=head] option').length === 3);
  assert.deepStrictEqual(await options(), ['Siti', '3172'], 'the text where an item has one, else the value');
  await page.fill(field(1, 'name'), 'Budi');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-question=head] option')].some((o) => o.textContent.trim() === 'Budi'));
  await page.selectOption('[data-question=head] select', { label: 'Budi' });
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, {
    household: [{ name: 'Siti', nik: '3171' }, { name: 'Budi', nik: '3172' }],
    head: '3172',
  });
  assert.deepStrictEqual(page.errors, []);
});

test('a ranking ranks only the choices ticked before, and follows them', async () => {
  const { server, received } = await site({
    title: 'Layanan',
    tanya: { id: 'rank-carry', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
    pages: [{ name: 'p1', elements: [
      { type: 'checkbox', name: 'used', choices: [{ value: 'ktp', text: 'KTP' }, { value: 'kk', text: 'KK' }, { value: 'sim', text: 'SIM' }] },
      { type: 'ranking', name: 'rank', choicesFromQuestion: 'used', choicesFromQuestionMode: 'selected' },
    ] }],
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=used]');
  const ranked = () => page.$$eval('[data-question=rank] .tanya-rank-label', (ls) => ls.map((l) => l.textContent.trim()));
  assert.deepStrictEqual(await ranked(), [], 'nothing ticked, nothing to rank');
  await page.click('[data-question=used] label:has-text("KTP")');
  await page.click('[data-question=used] label:has-text("SIM")');
  await page.waitForFunction(() => document.querySelectorAll('[data-question=rank] li').length === 2);
  assert.deepStrictEqual(await ranked(), ['KTP', 'SIM']);
  await page.click('[data-question=rank] li:first-child button:last-child');
  await page.waitForFunction(() => document.querySelector('[data-question=rank] .tanya-rank-label').textContent.trim() === 'SIM');
  await page.click('[data-question=used] label:has-text("KK")');
  await page.waitForFunction(() => document.querySelectorAll('[data-question=rank] li').length === 3);
  assert.deepStrictEqual(await ranked(), ['SIM', 'KTP', 'KK'], 'the order given, then the newly ticked');
  await page.click('[data-question=used] label:has-text("KK")');
  await page.waitForFunction(() => document.querySelectorAll('[data-question=rank] li').length === 2);
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, { used: ['ktp', 'sim'], rank: ['sim', 'ktp'] });
  assert.deepStrictEqual(page.errors, []);
});

test('checkErrorsMode: onValueChanged checks an answer as it changes, onComplete waits for Submit', async () => {
  const pages = [
    { name: 'p1', elements: [{ type: 'text', name: 'mail', inputType: 'email' }, { type: 'text', name: 'name', isRequired: true }] },
    { name: 'p2', elements: [{ type: 'text', name: 'city' }] },
  ];
  const changed = await site({
    title: 'Segera', checkErrorsMode: 'onValueChanged', pages,
    tanya: { id: 'changed', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(changed.server.url);
  await page.waitForSelector('[data-question=mail]');
  await page.fill('[data-question=mail] input', 'bukan-email');
  await page.waitForSelector('[data-question=mail] .tanya-error-msg');
  assert.strictEqual(await page.$('[data-question=name] .tanya-error-msg'), null, 'an untouched question waits for Next');

  const later = await site({
    title: 'Nanti', checkErrorsMode: 'onComplete', pages,
    tanya: { id: 'later', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
  });
  const { page: second } = await phonePage(browser, { locale: 'id-ID' });
  await second.goto(later.server.url);
  await second.waitForSelector('[data-question=name]');
  await second.click('button.tanya-next');
  await second.waitForSelector('[data-question=city]');
  await second.click('button.tanya-next');
  await second.waitForSelector('[data-question=name] .tanya-error-msg');
  assert.strictEqual(later.received.length, 0, 'nothing sent while a page fails');
  assert.deepStrictEqual(page.errors, []);
  assert.deepStrictEqual(second.errors, []);
});

test('star and smiley ratings draw their values and keep them for screen readers', async () => {
  const { server, received } = await site({
    title: 'Nilai',
    tanya: { id: 'stars', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
    pages: [{ elements: [
      { type: 'rating', name: 'stars', rateType: 'stars', rateMax: 5 },
      { type: 'rating', name: 'faces', rateType: 'smileys', rateMax: 5 },
    ] }],
  });
  const { page } = await phonePage(browser, { locale: 'id-ID' });
  await page.goto(server.url);
  await page.waitForSelector('[data-question=stars]');
  await page.click('[data-question=stars] .tanya-rate:nth-child(3)');
  const filled = await page.$$eval('[data-question=stars] .tanya-rate-icon', (xs) => xs.map((x) => x.classList.contains('tanya-on')));
  assert.deepStrictEqual(filled, [true, true, true, false, false], 'filled up to the third');
  assert.deepStrictEqual(await page.$$eval('[data-question=stars] .tanya-sr', (xs) => xs.map((x) => x.textContent)), ['1', '2', '3', '4', '5']);
  const faces = await page.$$eval('[data-question=faces] .tanya-rate-icon [aria-hidden]', (xs) => xs.map((x) => x.textContent));
  assert.strictEqual(new Set(faces).size, 5, 'a face per value');
  await page.click('[data-question=faces] .tanya-rate:nth-child(5)');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, { stars: 3, faces: 5 });
  assert.deepStrictEqual(page.errors, []);
});
