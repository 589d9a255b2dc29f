// `cargo xtask bench page`: the page benchmark, run by xtask with a plan file.
//
//   node page.cjs PLAN.json
//
// PLAN: { runs, playwright, chromium,
//         targets: [{ name, root, first, click, appear, brotli }],
//         large: { root, first, question, hideWith, showWith, watched, runs },
//         roster: { the same fields, for a roster of panels } }
//
// Each target's folder is served on its own loopback port, gzipped, with the
// cache headers a deployment would send (content-hashed files immutable,
// the rest revalidated). Each load gets a fresh browser context, so the cache
// starts cold, a 390×844 phone viewport, 4× CPU throttling, 1.6 Mbit/s down,
// 0.75 Mbit/s up and 150 ms latency. Targets are interleaved run by run, so
// drift hits them alike. Printed, one JSON line each: per target the medians
// of bytes on the wire (every response's encoded length, until 200 ms after
// the click), time from navigation to the first question visible, and time
// from a click to the dependent question visible; then the large form's
// answer-change-to-DOM-update times measured in the page with performance.now().
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { chromium } = require(plan.playwright);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

// `brotli`: answer with the `.br` copy beside a file when the browser takes
// brotli, as the collector does; otherwise gzip on the fly, as the shared method does.
function serveFolder(root, brotli = false) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end();
    }
    const hashed = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css|svg)$/.test(file);
    const headers = {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    let body = fs.readFileSync(file);
    const accepts = req.headers['accept-encoding'] || '';
    if (brotli && /\bbr\b/.test(accepts) && fs.existsSync(`${file}.br`)) {
      headers['content-encoding'] = 'br';
      body = fs.readFileSync(`${file}.br`);
    } else if (/\bgzip\b/.test(accepts)) {
      headers['content-encoding'] = 'gzip';
      body = zlib.gzipSync(body, { level: 9 });
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

async function phone(browser, throttle) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  return { context, page, cdp };
}

async function loadOnce(browser, target, url) {
  const { context, page, cdp } = await phone(browser, true);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(target.first, { state: 'visible', timeout: 120000 });
  const ttfq = Date.now() - t0;
  // A prerendered page shows its first question before the app runs; the
  // tap is made at once all the same (it must be kept), and the time the
  // app took over (`ready`) is noted beside.
  const readyAt = target.ready
    ? page.waitForSelector(target.ready, { state: 'attached', timeout: 120000 }).then(() => Date.now() - t0)
    : Promise.resolve(ttfq);
  const c0 = Date.now();
  await page.click(target.click, { force: true });
  await page.waitForSelector(target.appear, { state: 'visible', timeout: 120000 });
  const click = Date.now() - c0;
  // "First answer shown": from navigation to the revealed question.
  const answer = Date.now() - t0;
  const ready = await readyAt;
  await page.waitForTimeout(200);
  await context.close();
  return { bytes, ttfq, ready, answer, click };
}

// In the page: change an answer and time until the DOM has changed.
async function largeChange(browser, large, url, throttle) {
  const { context, page } = await phone(browser, false);
  await page.goto(url);
  await page.waitForSelector(large.first, { state: 'visible', timeout: 120000 });
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  const times = [];
  for (let i = 0; i < large.runs; i++) {
    const value = i % 2 === 0 ? large.hideWith : large.showWith;
    times.push(await page.evaluate(([question, value, watched]) => new Promise((done, fail) => {
      const shown = () => {
        const e = document.querySelector(watched);
        return !!e && e.offsetParent !== null;
      };
      const before = shown();
      const input = document.querySelector(`[data-question="${question}"] input[value="${value}"]`);
      if (!input) return fail(new Error(`no input ${question}=${value}`));
      const observer = new MutationObserver(() => {
        if (shown() === before) return;
        observer.disconnect();
        done(performance.now() - t0);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      setTimeout(() => fail(new Error(`${watched} did not change in 10 s`)), 10000);
      const t0 = performance.now();
      input.click();
    }), [large.question, value, large.watched]));
  }
  await context.close();
  return times;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: plan.chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const servers = [];
  try {
    const urls = {};
    for (const t of plan.targets) {
      const s = await serveFolder(t.root, !!t.brotli);
      servers.push(s.server);
      urls[t.name] = s.url;
    }
    const results = Object.fromEntries(plan.targets.map((t) => [t.name, { bytes: [], ttfq: [], ready: [], answer: [], click: [] }]));
    for (let r = 0; r < plan.runs; r++) {
      for (const t of plan.targets) {
        const one = await loadOnce(browser, t, urls[t.name]);
        for (const k of ['bytes', 'ttfq', 'ready', 'answer', 'click']) results[t.name][k].push(one[k]);
        process.stderr.write(`run ${r + 1}/${plan.runs} ${t.name}: ${JSON.stringify(one)}\n`);
      }
    }
    for (const t of plan.targets) {
      const x = results[t.name];
      console.log(JSON.stringify({ kind: 'page', name: t.name, runs: plan.runs, bytes: median(x.bytes),
        ttfq_ms: median(x.ttfq), ready_ms: median(x.ready), answer_ms: median(x.answer), click_ms: median(x.click), ttfq_all: x.ttfq,
        ready_all: x.ready, click_all: x.click }));
    }
    for (const form of ['large', 'roster']) {
      if (!plan[form]) continue;
      const s = await serveFolder(plan[form].root);
      servers.push(s.server);
      for (const throttle of [false, true]) {
        const times = await largeChange(browser, plan[form], s.url, throttle);
        console.log(JSON.stringify({ kind: 'large', form, throttle: throttle ? 4 : 1, median_ms: median(times),
          max_ms: Math.max(...times), all: times.map((t) => Math.round(t * 10) / 10) }));
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
