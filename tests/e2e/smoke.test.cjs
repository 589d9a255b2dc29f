// The built site loads in Chromium and renders the questionnaire.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { serve, launch, phonePage } = require('./support.cjs');

test('dist/ renders the demo questionnaire it names', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const { page } = await phonePage(browser);
    await page.goto(`${server.url}?lang=id`);
    await page.waitForSelector('[data-question]', { timeout: 20000 });
    const names = await page.$$eval('[data-question]', (els) => els.map((e) => e.dataset.question));
    assert.ok(names.includes('group'), `questions: ${names}`);
    assert.match(await page.textContent('h1'), /Integritas/);
    assert.deepStrictEqual(page.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
