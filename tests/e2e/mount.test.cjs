// The two in-page ways to embed the form (tanya-embed.js): `mount(element,
// options)` with `unmount()`, and the `<tanya-survey>` custom element in a
// shadow root; plus the example portal page with all three ways.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { serve, launch, phonePage, recordEntries, root } = require('./support.cjs');

const SURVEY = {
  title: 'Portal survey',
  tanya: { id: 'mounted', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
  pages: [{ elements: [
    { type: 'radiogroup', name: 'q', title: 'Pick one', isRequired: true, choices: ['a', 'b'] },
    { type: 'text', name: 'note', title: 'A note' },
  ] }],
};

/** Serves dist/ with the test questionnaire, extra pages, and an endpoint that records entries. */
async function site(files) {
  const received = [];
  const server = await serve({
    // A host page's browser asks for /favicon.ico; answer it so console errors mean something.
    files: { '/s.json': JSON.stringify(SURVEY), '/favicon.ico': '', ...files },
    handler: recordEntries(received),
  });
  return { ...server, received };
}

const HOST = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<h1 id="portal-title">Agency portal</h1><p class="intro">Portal text.</p><div id="target"><p>Host content</p></div>
<footer>Footer</footer>
<script type="module">
  import { mount } from '/tanya-embed.js';
  window.__tanya = { mount };
</script></body></html>`;

test('mount(): fill in, submit, unmount; the host page is otherwise untouched', async () => {
  const app = await site({ '/host.html': HOST });
  const browser = await launch();
  try {
    const { page } = await phonePage(browser, { locale: 'en-US' });
    await page.goto(`${app.url}host.html?group=ignored&lang=id`);
    await page.waitForFunction(() => window.__tanya);
    const before = await page.evaluate(() => ({ head: document.head.innerHTML, body: document.body.innerHTML }));
    await page.evaluate(() => {
      window.__form = window.__tanya.mount(document.getElementById('target'),
        { survey: '/s.json', lang: 'en', theme: { '--tanya-accent': 'rgb(1, 2, 3)' } });
    });
    await page.waitForSelector('#target [data-question=q]');
    assert.strictEqual(await page.textContent('#target .tanya-next'), 'Submit', 'lang from the options, not the host URL');
    const accent = await page.locator('#target .tanya').evaluate((e) => getComputedStyle(e).getPropertyValue('--tanya-accent'));
    assert.strictEqual(accent.trim(), 'rgb(1, 2, 3)', 'theme variables from the options');
    // Errors inside the shadow root: the summary takes focus there.
    await page.click('#target .tanya-next');
    await page.waitForSelector('#target .tanya-summary');
    await page.waitForFunction(() => {
      const shadow = document.querySelector('#target .tanya-embed').shadowRoot;
      return shadow.activeElement && shadow.activeElement.id === 'tanya-summary';
    });
    await page.check('#target [data-question=q] input >> nth=1');
    await page.fill('#target [data-question=note] input', 'from the portal');
    await page.click('#target .tanya-next');
    await page.waitForSelector('#target .tanya-delivery[data-state=sent]');
    assert.strictEqual(app.received.length, 1);
    assert.deepStrictEqual(app.received[0].answers, { q: 'b', note: 'from the portal' });
    assert.strictEqual(await page.textContent('#target p'), 'Host content', "the host's own content stays");

    await page.evaluate(() => window.__form.unmount());
    const after = await page.evaluate(() => ({ head: document.head.innerHTML, body: document.body.innerHTML }));
    assert.deepStrictEqual(after, before, 'after unmount() the page is as it was');
    assert.strictEqual(await page.locator('[data-question]').count(), 0);
    await page.evaluate(() => window.__form.unmount());
    assert.deepStrictEqual(page.errors, []);
  } finally {
    await browser.close();
    await app.close();
  }
});

const HOSTILE = '<style>* { color: red !important; font-size: 40px } button { min-height: 0 }</style>';
const ELEMENT = (style) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${style}
<script type="module" src="/tanya-embed.js"></script></head><body>
<button id="host-button">Portal button</button>
<tanya-survey src="/s.json" lang="en"></tanya-survey></body></html>`;

/** The computed color and font size of the form's question title and a host button. */
async function looks(page) {
  await page.waitForSelector('tanya-survey [data-question=q]');
  return page.evaluate(() => {
    const shadow = document.querySelector('tanya-survey').shadowRoot;
    const title = shadow.querySelector('[data-question=q] legend, [data-question=q] .tanya-label');
    const style = getComputedStyle(title);
    const host = getComputedStyle(document.getElementById('host-button'));
    return { inShadow: !!shadow.querySelector('.tanya'), color: style.color, fontSize: style.fontSize,
      hostButtonMinHeight: host.minHeight, text: title.textContent };
  });
}

test('<tanya-survey>: the host stylesheet does not change the form, nor the form the host', async () => {
  const app = await site({ '/plain.html': ELEMENT(''), '/hostile.html': ELEMENT(HOSTILE) });
  const browser = await launch();
  try {
    const { page } = await phonePage(browser, { locale: 'en-US' });
    await page.goto(`${app.url}plain.html`);
    const plain = await looks(page);
    await page.goto(`${app.url}hostile.html`);
    const hostile = await looks(page);
    assert.ok(plain.inShadow && hostile.inShadow, 'the form is inside the shadow root');
    assert.match(plain.text, /Pick one/);
    assert.strictEqual(hostile.color, plain.color, 'text colour unchanged');
    assert.notStrictEqual(hostile.color, 'rgb(255, 0, 0)');
    assert.strictEqual(hostile.fontSize, plain.fontSize, 'font size unchanged');
    assert.notStrictEqual(plain.hostButtonMinHeight, '44px', "the form's button rules stay inside");
    // The element works: answer, submit, delivered.
    await page.check('tanya-survey [data-question=q] input >> nth=0');
    // Moving the element (as frameworks do when they reorder) keeps the form and its answer.
    await page.evaluate(() => document.body.prepend(document.querySelector('tanya-survey')));
    await page.waitForTimeout(100);
    assert.ok(await page.isChecked('tanya-survey [data-question=q] input >> nth=0'), 'the answer survived the move');
    await page.click('tanya-survey .tanya-next');
    await page.waitForSelector('tanya-survey .tanya-delivery[data-state=sent]');
    assert.strictEqual(app.received.length, 1);
    // Removing the element unmounts the form.
    await page.evaluate(() => document.querySelector('tanya-survey').remove());
    assert.deepStrictEqual(page.errors, []);
  } finally {
    await browser.close();
    await app.close();
  }
});

test('examples/portal.html shows all three ways', async () => {
  const file = (name) => fs.readFileSync(path.join(root, 'examples', name), 'utf8');
  const surveys = (name) => fs.readFileSync(path.join(root, 'surveys', name), 'utf8');
  const app = await site({
    '/examples/portal.html': file('portal.html'),
    '/examples/portal.js': file('portal.js'),
    '/examples/portal.css': file('portal.css'),
    '/surveys/layanan.json': surveys('layanan.json'),
    '/surveys/integrity.json': surveys('integrity.json'),
  });
  const browser = await launch();
  try {
    const { page } = await phonePage(browser, { locale: 'en-US' });
    await page.goto(`${app.url}examples/portal.html`);
    const frame = await (await page.waitForSelector('#tanya-frame')).contentFrame();
    await frame.waitForSelector('.tanya-form');
    await page.waitForSelector('#js-form [data-question=kepuasan]');
    await page.waitForSelector('tanya-survey .tanya-form');
    await page.click('#toggle');
    assert.strictEqual(await page.locator('#js-form [data-question]').count(), 0, 'unmounted');
    await page.click('#toggle');
    await page.waitForSelector('#js-form [data-question=kepuasan]');
    assert.deepStrictEqual(page.errors, []);
  } finally {
    await browser.close();
    await app.close();
  }
});
