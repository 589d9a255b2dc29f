// Rosters on a phone, end to end: a household of dynamic panels, each a
// card; three members added, one removed; a question inside a card appears
// from that card's own answer; a required cell left empty is named by the
// error summary, which focuses it; the entry reaches tanya-collector in
// SurveyJS's shape and both exports show it.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { launch, phonePage, withConfig, axe, dist, root } = require('./support.cjs');

const collectorBin = process.env.TANYA_COLLECTOR || path.join(root, 'target', 'debug', 'tanya-collector');
const TOKEN = 'roster-test-token-0123456789';

const SURVEY = {
  title: 'Rumah tangga',
  tanya: { id: 'roster', endpoint: { url: '/api/submissions' }, duplicates: { policy: 'allow' } },
  pages: [{ elements: [
    {
      type: 'paneldynamic', name: 'household', title: 'Anggota rumah tangga', panelCount: 1, minPanelCount: 1,
      maxPanelCount: 3, templateTitle: 'Anggota {panelIndex}', panelAddText: 'Tambah anggota',
      templateElements: [
        { type: 'text', name: 'name', title: 'Nama', isRequired: true },
        { type: 'radiogroup', name: 'works', title: 'Bekerja?', choices: ['ya', 'tidak'], isRequired: true },
        { type: 'text', name: 'job', title: 'Pekerjaan', visibleIf: "{panel.works} = 'ya'", isRequired: true },
      ],
    },
  ] }],
};

/** tanya-collector serving `site` on a free port; resolves once it listens. */
async function collector(dir, site, surveys) {
  const child = spawn(collectorBin, ['--listen', '127.0.0.1:0', '--db', path.join(dir, 'entries.db'),
    '--surveys', surveys, '--site', site, '--token', TOKEN], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = readline.createInterface({ input: child.stdout });
  const url = await new Promise((ok, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`collector exited ${code}`)));
    lines.on('line', (l) => { const m = /listening on (http:\/\/\S+)/.exec(l); if (m) ok(m[1]); });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function exported(url, file) {
  const res = await fetch(`${url}/api/${file}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.strictEqual(res.status, 200, file);
  return res.text();
}

test('a household roster: add, remove, a card-local question, a located error, delivered nested', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-roster-'));
  const site = path.join(dir, 'site');
  fs.cpSync(dist, site, { recursive: true });
  const index = path.join(site, 'index.html');
  fs.writeFileSync(index, withConfig(fs.readFileSync(index, 'utf8'), { survey: SURVEY }));
  const surveys = path.join(dir, 'surveys');
  fs.mkdirSync(surveys);
  fs.writeFileSync(path.join(surveys, 'roster.json'), JSON.stringify(SURVEY));
  const server = await collector(dir, site, surveys);
  const browser = await launch();
  try {
    // The collector's CSP forbids inline scripts; axe is injected as one.
    const { page } = await phonePage(browser, { locale: 'id-ID', bypassCSP: true });
    page.on('dialog', (d) => d.accept());
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-question=household]');
    const cards = () => page.$$eval('.tanya-card > legend', (ls) => ls.map((l) => l.textContent.trim()));
    assert.deepStrictEqual(await cards(), ['Anggota 0'], 'panelCount cards, titled by templateTitle');
    assert.ok(await page.isDisabled('.tanya-card .tanya-remove'), 'Remove is disabled at minPanelCount');

    // Three members: Add moves focus into the new card.
    for (let i = 1; i < 3; i += 1) {
      await page.click('button.tanya-add');
      await page.waitForFunction((n) => document.querySelectorAll('.tanya-card').length === n, i + 1);
      const focused = await page.evaluate(() => document.activeElement.closest('.tanya-card')?.id);
      assert.match(focused || '', new RegExp(`-${i}$`), 'focus moved into the new card');
    }
    assert.ok(await page.isDisabled('button.tanya-add'), 'Add is disabled at maxPanelCount');
    assert.match(await page.textContent('.tanya-roster-note'), /penuh/, 'and a note says why');

    const field = (i, name) => `[data-question="household[${i}].${name}"]`;
    await page.fill(`${field(0, 'name')} input`, 'Siti');
    await page.check(`${field(0, 'works')} input >> nth=0`);
    assert.ok(await page.isVisible(field(0, 'job')), "the job question appears from this card's answer");
    assert.ok(await page.isHidden(field(1, 'job')), 'and not in another card');
    await page.fill(`${field(1, 'name')} input`, 'Hapus saya');
    await page.fill(`${field(2, 'name')} input`, 'Budi');
    await page.check(`${field(2, 'works')} input >> nth=1`);

    // Remove the second member (it holds an answer: the browser asks first).
    await page.click('.tanya-card >> nth=1 >> button.tanya-remove');
    await page.waitForFunction(() => document.querySelectorAll('.tanya-card').length === 2);
    assert.strictEqual(await page.inputValue(`${field(1, 'name')} input`), 'Budi', 'the cards after it move up');

    // Submit with Siti's job empty: the summary names the cell and focuses its input.
    await page.click('button.tanya-next');
    await page.waitForSelector('#tanya-summary');
    const summary = await page.textContent('#tanya-summary');
    assert.match(summary, /Anggota rumah tangga 1 · Pekerjaan/, summary);
    await page.click('#tanya-summary a');
    const active = await page.evaluate(() => document.activeElement.closest('[data-question]')?.dataset.question);
    assert.strictEqual(active, 'household[0].job');
    const violations = await axe(page);
    assert.deepStrictEqual(violations, [], 'axe finds nothing on the roster with its errors');
    await page.fill(`${field(0, 'job')} input`, 'Guru');
    await page.click('button.tanya-next');
    await page.waitForSelector('.tanya-delivery[data-state=sent]', { timeout: 60000 });

    assert.deepStrictEqual(page.errors, [], 'no console errors');
    const want = [{ name: 'Siti', works: 'ya', job: 'Guru' }, { name: 'Budi', works: 'tidak' }];
    const ndjson = (await exported(server.url, 'export.ndjson')).trim().split('\n').map((l) => JSON.parse(l));
    assert.strictEqual(ndjson.length, 1);
    assert.deepStrictEqual(ndjson[0].answers, { household: want }, 'stored in SurveyJS shape');
    const [header, row] = (await exported(server.url, 'export.csv')).trim().split('\r\n').map((l) => l.split(','));
    const col = (name) => row[header.indexOf(name)];
    assert.deepStrictEqual(
      ['household.0.name', 'household.0.job', 'household.1.name', 'household.1.works'].map(col),
      ['Siti', 'Guru', 'Budi', 'tidak'],
    );
  } finally {
    await browser.close();
    server.stop();
  }
});
