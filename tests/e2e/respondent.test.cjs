// What a respondent on a phone meets: each test is one finding of the
// walk-through (no endpoint, decimal comma, yes/no, thank-you by state,
// progress, errors shown too early, soft-required, language), on a 390 px
// phone against the built site.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { serve, launch, phonePage, recordEntries, axe } = require('./support.cjs');


let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });

const ENDPOINT = { url: '/api/submissions' };

/** A site serving `survey` inline, recording entries; closed after the tests. */
async function site(survey, extra = {}) {
  const received = [];
  const server = await serve({ config: { survey }, handler: recordEntries(received), ...extra });
  test.after(() => server.close());
  return { server, received };
}

/** A phone page on `url`, in Indonesian unless `options` say otherwise, once the form is there. */
async function open(url, options = {}) {
  const { context, page } = await phonePage(browser, { locale: 'id-ID', ...options });
  await page.goto(url);
  await page.waitForSelector('[data-question]');
  return { context, page };
}

test('1. without an endpoint the respondent is told first, and Submit keeps the answers', async () => {
  const survey = {
    title: 'Tanpa tujuan',
    tanya: { id: 'no-endpoint', duplicates: { policy: 'allow' } },
    pages: [{ elements: [{ type: 'radiogroup', name: 'q', isRequired: true, choices: ['a', 'b'] }] }],
  };
  const { server, received } = await site(survey);
  const { context, page } = await open(server.url);
  const notice = await page.textContent('#tanya-no-endpoint');
  assert.match(notice, /belum dapat menerima jawaban/, 'said before the first answer');
  assert.ok(page.errors.some((e) => /names no endpoint/.test(e)), `the console says why: ${page.errors}`);
  await page.check('[data-question=q] input >> nth=1');
  await page.click('button.tanya-next');
  await page.waitForTimeout(300);
  assert.strictEqual(await page.$('.tanya-done'), null, 'no thank-you for answers that go nowhere');
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'tanya-no-endpoint');
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('tanya:draft:no-endpoint')));
  assert.deepStrictEqual(draft && draft.answers, { q: 'b' }, 'the answers stay in the draft');
  assert.strictEqual(received.length, 0);
  assert.deepStrictEqual(await axe(page), []);
  await context.close();
});

test('2. a decimal comma is read as a decimal, never as a bigger number', async () => {
  const survey = {
    title: 'Angka',
    tanya: { id: 'decimal', endpoint: ENDPOINT, duplicates: { policy: 'allow' } },
    pages: [{ elements: [
      { type: 'text', name: 'years', inputType: 'number', isRequired: true },
      { type: 'text', name: 'fee', inputType: 'number' },
    ] }],
  };
  const { server, received } = await site(survey);
  const { context, page } = await open(server.url);
  assert.strictEqual(await page.getAttribute('[data-question=years] input', 'inputmode'), 'decimal');
  await page.fill('[data-question=years] input', '2,5');
  // Typed key by key, "1.000" (a thousand in Indonesian) stays as typed.
  await page.locator('[data-question=fee] input').pressSequentially('1.000');
  assert.strictEqual(await page.inputValue('[data-question=fee] input'), '1.000');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.strictEqual(received.length, 1);
  assert.deepStrictEqual(received[0].answers, { years: 2.5, fee: 1000 });
  await context.close();
});

test('3. a required yes/no question is answered "no" with one tap', async () => {
  const survey = {
    title: 'Ya atau tidak',
    tanya: { id: 'yes-no', endpoint: ENDPOINT, duplicates: { policy: 'allow' } },
    pages: [{ elements: [{ type: 'boolean', name: 'gift', title: 'Pernah memberi hadiah?', isRequired: true }] }],
  };
  const { server, received } = await site(survey);
  const { context, page } = await open(server.url);
  const radios = page.locator('[data-question=gift] input[type=radio]');
  assert.strictEqual(await radios.count(), 2);
  assert.deepStrictEqual(await radios.evaluateAll((r) => r.map((x) => x.checked)), [false, false], 'unanswered looks unanswered');
  await page.click('[data-question=gift] label:has-text("Tidak")');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, { gift: false });
  await context.close();
});

test('5. the thank-you page and the duplicate screen say when the entry has not left the phone', async () => {
  const survey = {
    title: 'Status kirim',
    completedHtml: 'Terima kasih. Jawaban Anda sudah kami terima.',
    tanya: { id: 'by-state', endpoint: ENDPOINT, duplicates: { policy: 'warn' } },
    pages: [{ elements: [{ type: 'radiogroup', name: 'q', isRequired: true, choices: ['a', 'b'] }] }],
  };
  const { server, received } = await site(survey);
  const { context, page } = await open(server.url);
  await context.route('**/api/submissions', (route) => route.abort('internetdisconnected'));
  await page.check('[data-question=q] input >> nth=0');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=queued]');
  const done = await page.textContent('.tanya-done');
  assert.doesNotMatch(done, /sudah kami terima/, 'not "received" while it waits');
  assert.match(done, /belum sampai/);
  assert.deepStrictEqual(await axe(page), [], 'the waiting thank-you page');
  // Reopened while the entry still waits: the duplicate screen says so.
  await page.reload();
  await page.waitForSelector('.tanya-done .tanya-delivery[data-state=queued]');
  assert.match(await page.textContent('.tanya-done'), /belum terkirim/);
  assert.match(await page.textContent('.tanya-duplicate'), / \d{1,2} [A-Z][a-z]+ \d{4}\./, 'a date as people write it');
  assert.ok(await page.$('button.tanya-start-new.tanya-link'), 'a new entry is a secondary link');
  assert.deepStrictEqual(await axe(page), [], 'the duplicate screen');
  await context.unroute('**/api/submissions');
  await page.waitForSelector('.tanya-delivery[data-state=queued]', { state: 'detached', timeout: 60000 });
  assert.strictEqual(received.length, 1);
  // Once delivered, the thank-you of a new visit is the questionnaire's own.
  await page.click('button.tanya-start-new');
  await page.check('[data-question=q] input >> nth=1');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-done[data-delivered=true]');
  assert.match(await page.textContent('.tanya-done'), /sudah kami terima/);
  assert.deepStrictEqual(await axe(page), [], 'the delivered thank-you page');
  await context.close();
});

test('6. progress counts pages as SurveyJS does and never goes back while answering', async () => {
  const survey = {
    title: 'Kemajuan',
    showProgressBar: 'top',
    tanya: { id: 'progress', endpoint: ENDPOINT, duplicates: { policy: 'allow' } },
    pages: [
      { name: 'p1', elements: [
        { type: 'radiogroup', name: 'paid', isRequired: true, choices: ['ya', 'tidak'] },
        { type: 'text', name: 'amount', isRequired: true, visibleIf: "{paid} = 'ya'" },
        { type: 'text', name: 'office', isRequired: true, visibleIf: "{paid} = 'ya'" },
      ] },
      { name: 'p2', elements: [{ type: 'matrix', name: 'm', columns: [1, 2, 3], rows: ['r1', 'r2', 'r3', 'r4'] }] },
      { name: 'p3', elements: [{ type: 'comment', name: 'c' }] },
    ],
  };
  const { server } = await site(survey);
  const { context, page } = await open(server.url);
  const now = () => page.getAttribute('.tanya-progress', 'aria-valuenow').then(Number);
  const seen = [await now()];
  assert.strictEqual(seen[0], 0, 'nothing done yet');
  assert.match(await page.textContent('.tanya-progress-text'), /Halaman 1 dari 3/);
  await page.check('[data-question=paid] input >> nth=0');
  seen.push(await now());
  await page.fill('[data-question=amount] input', '5');
  seen.push(await now());
  await page.fill('[data-question=office] input', 'Kantor');
  seen.push(await now());
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], `never backwards: ${seen}`);
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-page=p2]');
  assert.strictEqual(await now(), 34, 'one page of three done');
  assert.match(await page.textContent('.tanya-progress-text'), /Halaman 2 dari 3/);
  await context.close();

  // Counting answers, a "ya" that reveals three more questions lowers the
  // share answered (2 of 5 after 1 of 2): the bar holds instead.
  const counted = await site({
    ...survey,
    progressBarType: 'questions',
    tanya: { ...survey.tanya, id: 'progress-questions' },
    pages: [{ name: 'p1', elements: [
      { type: 'text', name: 'office' },
      { type: 'radiogroup', name: 'paid', choices: ['ya', 'tidak'] },
      ...['amount', 'when', 'whom'].map((name) => ({ type: 'text', name, visibleIf: "{paid} = 'ya'" })),
    ] }],
  });
  const second = await open(counted.server.url);
  const value = () => second.page.getAttribute('.tanya-progress', 'aria-valuenow').then(Number);
  await second.page.fill('[data-question=office] input', 'Kantor');
  assert.strictEqual(await value(), 50, 'one of two');
  await second.page.check('[data-question=paid] input >> nth=0');
  await second.page.waitForSelector('[data-question=whom]:not([hidden])');
  assert.strictEqual(await value(), 50, 'two of five is 40%: the bar does not go back');
  await second.context.close();
});

test('7. a question revealed after a failed Next is not shown in error before it is seen', async () => {
  const survey = {
    title: 'Tampil kemudian',
    tanya: { id: 'revealed', endpoint: ENDPOINT, duplicates: { policy: 'allow' } },
    pages: [{ elements: [
      { type: 'radiogroup', name: 'paid', title: 'Membayar?', isRequired: true, choices: ['ya', 'tidak'] },
      { type: 'text', name: 'amount', title: 'Berapa?', isRequired: true, visibleIf: "{paid} = 'ya'" },
      { type: 'text', name: 'office', title: 'Kantor', isRequired: true },
    ] }],
  };
  const { server } = await site(survey);
  const { context, page } = await open(server.url);
  await page.click('button.tanya-next');
  await page.waitForSelector('#tanya-summary');
  await page.check('[data-question=paid] input >> nth=0');
  await page.waitForSelector('[data-question=amount]:not([hidden])');
  assert.strictEqual(await page.$('[data-question=amount] .tanya-error-msg'), null, 'no red on a new question');
  assert.doesNotMatch(await page.textContent('#tanya-summary'), /Berapa/);
  assert.match(await page.textContent('#tanya-summary'), /Kantor/, 'what was in error stays until fixed');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=amount] .tanya-error-msg');
  await context.close();
});

test('8. a soft-required question is a neutral notice, outside the error summary', async () => {
  const survey = {
    title: 'Boleh kosong',
    tanya: { id: 'soft', endpoint: ENDPOINT, softRequired: ['note'], duplicates: { policy: 'allow' } },
    pages: [
      { name: 'p1', elements: [{ type: 'comment', name: 'note', title: 'Saran (boleh dikosongkan)' }] },
      { name: 'p2', elements: [{ type: 'comment', name: 'end' }] },
    ],
  };
  const { server } = await site(survey);
  const { context, page } = await open(server.url);
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=note] .tanya-soft-msg');
  assert.strictEqual(await page.$('#tanya-summary'), null, 'no error summary');
  assert.strictEqual(await page.$('[data-question=note].tanya-invalid'), null, 'not shown as an error');
  assert.strictEqual(await page.getAttribute('[data-question=note] textarea', 'aria-invalid'), 'false');
  assert.strictEqual(await page.evaluate(() => document.activeElement.className), 'tanya-soft-msg', 'the notice has the focus');
  assert.deepStrictEqual(await axe(page), []);
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-page=p2]');
  await context.close();
});

test('9. a language switch re-words the messages shown, and a reload keeps the language', async () => {
  const survey = {
    title: { default: 'Bahasa', en: 'Language' },
    tanya: { id: 'language', endpoint: ENDPOINT, duplicates: { policy: 'allow' } },
    pages: [{ elements: [
      { type: 'radiogroup', name: 'q', isRequired: true, choices: ['a', 'b'] },
      { type: 'text', name: 't' },
    ] }],
  };
  const { server } = await site(survey);
  const { context, page } = await open(server.url);
  await page.click('button.tanya-next');
  await page.waitForSelector('#tanya-summary');
  assert.match(await page.textContent('#tanya-summary'), /wajib dijawab/);
  await page.click('button.tanya-lang:has-text("English")');
  assert.match(await page.textContent('#tanya-summary'), /This question requires an answer/);
  assert.doesNotMatch(await page.textContent('#tanya-summary'), /wajib/);
  await page.fill('[data-question=t] input', 'draft');
  await page.reload();
  await page.waitForSelector('[data-question]');
  assert.strictEqual(await page.textContent('h1'), 'Language', 'still English after a reload');
  assert.strictEqual(await page.getAttribute('html', 'lang'), 'en');
  assert.strictEqual(await page.title(), 'Language', 'the tab shows the survey, not "Tanya"');
  await context.close();
});

test('10. a reload resumes exactly: a cleared default stays cleared, a corrected answer is not computed again', async () => {
  const survey = {
    title: 'Lanjut',
    tanya: { id: 'resume-exact', endpoint: ENDPOINT, duplicates: { policy: 'allow' } },
    pages: [{ elements: [
      { type: 'text', name: 'office', defaultValue: 'Pusat' },
      { type: 'radiogroup', name: 'married', choices: ['yes', 'no'] },
      { type: 'text', name: 'adults', inputType: 'number', defaultValueExpression: "iif({married} = 'yes', 2, 1)" },
    ] }],
  };
  const { server, received } = await site(survey);
  const { context, page } = await open(server.url);
  assert.strictEqual(await page.inputValue('[data-question=office] input'), 'Pusat');
  await page.fill('[data-question=office] input', '');
  await page.check('[data-question=married] input[value=yes]');
  assert.strictEqual(await page.inputValue('[data-question=adults] input'), '2', 'the expression follows the answer');
  await page.fill('[data-question=adults] input', '3');
  await page.reload();
  await page.waitForSelector('[data-question]');
  assert.strictEqual(await page.inputValue('[data-question=office] input'), '', 'the cleared default stays cleared');
  assert.strictEqual(await page.inputValue('[data-question=adults] input'), '3');
  await page.check('[data-question=married] input[value=no]');
  assert.strictEqual(await page.inputValue('[data-question=adults] input'), '3', 'the respondent\'s answer, not recomputed');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, { married: 'no', adults: 3 });
  assert.deepStrictEqual(page.errors, []);
  await context.close();
});

test('11. after Next the page heading has the focus; a summary link focuses its input, URL unchanged', async () => {
  const survey = {
    title: 'Fokus',
    tanya: { id: 'focus', endpoint: ENDPOINT, duplicates: { policy: 'allow' } },
    pages: [
      { name: 'p1', elements: [{ type: 'text', name: 'a', title: 'Nama', isRequired: true }] },
      { name: 'p2', title: 'Bagian dua', elements: [{ type: 'comment', name: 'b' }] },
    ],
  };
  const { server } = await site(survey);
  const { context, page } = await open(server.url);
  await page.click('button.tanya-next');
  await page.click('#tanya-summary a');
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'tanya-i-a');
  assert.strictEqual(new URL(page.url()).hash, '', 'no #tanya-q-… in the URL');
  await page.fill('[data-question=a] input', 'Sari');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-page=p2]');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'tanya-page-heading');
  assert.strictEqual(await page.textContent('#tanya-page-heading'), 'Bagian dua');
  await context.close();
});

test('12. reopening the link a draft began from keeps the answers the respondent changed from its prefill', async () => {
  const survey = {
    title: 'Tautan',
    tanya: { id: 'resume-prefill', endpoint: ENDPOINT, duplicates: { policy: 'allow' }, prefill: ['visit'] },
    pages: [
      { elements: [{ type: 'radiogroup', name: 'visit', choices: ['first', 'again'], isRequired: true }] },
      { visibleIf: "{visit} = 'again'", elements: [{ type: 'text', name: 'why' }] },
      { elements: [{ type: 'text', name: 'note' }] },
    ],
  };
  const { server, received } = await site(survey);
  const { context, page } = await open(`${server.url}?visit=first`);
  assert.ok(await page.isChecked('[data-question=visit] input[value=first]'), 'prefilled from the link');
  await page.check('[data-question=visit] input[value=again]');
  await page.click('button.tanya-next');
  await page.fill('[data-question=why] input', 'antre');
  // The in-app browser reloads the same link.
  await page.goto(`${server.url}?visit=first`);
  await page.waitForSelector('[data-question]');
  assert.strictEqual(await page.inputValue('[data-question=why] input'), 'antre', 'back on the page the draft was on');
  await page.click('button.tanya-next');
  await page.waitForSelector('[data-question=note]');
  await page.click('button.tanya-next');
  await page.waitForSelector('.tanya-delivery[data-state=sent]');
  assert.deepStrictEqual(received[0].answers, { visit: 'again', why: 'antre' });
  assert.deepStrictEqual(page.errors, []);
  await context.close();
});
