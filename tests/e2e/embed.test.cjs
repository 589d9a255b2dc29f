// The form in an agency portal's iframe: it posts its height and, after
// delivery, the submission id, only to the parent origin it is configured
// for. A page on another origin receives nothing.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { serve, launch, phonePage, recordEntries } = require('./support.cjs');

const HOST_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Portal</title></head><body>
<h1>Portal instansi</h1><iframe id="f" title="Survei" style="width:100%;border:0"></iframe>
<script>
  window.__messages = [];
  addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
  document.getElementById('f').src = new URLSearchParams(location.search).get('app');
</script></body></html>`;

test('iframe messages go to the configured parent origin only', async () => {
  const allowed = await serve({ files: { '/host.html': HOST_PAGE } });
  const other = await serve({ files: { '/host.html': HOST_PAGE } });
  const parentOrigin = allowed.url.replace(/\/$/, '');
  const app = await serve({
    config: {
      survey: {
        tanya: { id: 'embed', embed: { parentOrigin }, endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
        pages: [{ elements: [{ type: 'radiogroup', name: 'q', isRequired: true, choices: ['a', 'b'] }] }],
      },
    },
    handler: recordEntries(),
  });
  const appOrigin = app.url.replace(/\/$/, '');
  const browser = await launch();
  try {
    const { page } = await phonePage(browser, { locale: 'en-US' });
    await page.goto(`${allowed.url}host.html?app=${encodeURIComponent(`${app.url}?lang=en`)}`);
    const frame = await (await page.waitForSelector('#f')).contentFrame();
    await frame.waitForSelector('[data-question=q]');
    await frame.check('[data-question=q] input >> nth=0');
    await frame.click('button.tanya-next');
    await frame.waitForSelector('.tanya-delivery[data-state=sent]');
    await page.waitForFunction(() => window.__messages.some((m) => m.data && m.data.type === 'tanya:submitted'));
    const messages = await page.evaluate(() => window.__messages);
    const heights = messages.filter((m) => m.data.type === 'tanya:height');
    assert.ok(heights.length >= 1 && heights.every((m) => m.data.height > 0), JSON.stringify(messages));
    const submitted = messages.filter((m) => m.data.type === 'tanya:submitted');
    assert.strictEqual(submitted.length, 1);
    assert.match(submitted[0].data.submission_id, /^[0-9a-f-]{36}$/);
    assert.ok(messages.every((m) => m.origin === appOrigin), 'sent by the app');

    const { page: elsewhere } = await phonePage(browser, { locale: 'en-US' });
    await elsewhere.goto(`${other.url}host.html?app=${encodeURIComponent(`${app.url}?lang=en`)}`);
    const frame2 = await (await elsewhere.waitForSelector('#f')).contentFrame();
    await frame2.waitForSelector('[data-question=q]');
    await frame2.check('[data-question=q] input >> nth=1');
    await frame2.click('button.tanya-next');
    await frame2.waitForSelector('.tanya-delivery[data-state=sent]');
    await elsewhere.waitForTimeout(500);
    assert.deepStrictEqual(await elsewhere.evaluate(() => window.__messages), [], 'another origin receives nothing');
  } finally {
    await browser.close();
    await Promise.all([allowed.close(), other.close(), app.close()]);
  }
});
