// Shared helpers for the end-to-end tests: a loopback static server for dist/
// and a headless Chromium driven by playwright-core (never downloaded: Debian's).
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const dist = process.env.TANYA_DIST || path.join(root, 'dist');
const modules = process.env.TANYA_NODE_MODULES || path.join(root, 'tools', 'node_modules');
const chromiumPath = process.env.TANYA_CHROMIUM || '/usr/bin/chromium';
const { chromium } = require(path.join(modules, 'playwright-core'));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** Replaces the #tanya-config block of index.html with `config` (an object). */
function withConfig(html, config) {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html.replace(/(<script type="application\/json" id="tanya-config">)[\s\S]*?(<\/script>)/, `$1${json}$2`);
}

/**
 * Serves dist/ (or `options.dir`) on 127.0.0.1 (a free port). `options.config`
 * rewrites the config block; `options.files` adds extra paths → content;
 * `options.handler(req, res)` may answer first (return true when it did).
 */
async function serve(options = {}) {
  const base = options.dir || dist;
  const server = http.createServer((req, res) => {
    if (options.handler && options.handler(req, res)) return;
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (options.files && rel in options.files) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(rel)] || 'application/octet-stream' });
      return res.end(options.files[rel]);
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); return res.end('not found');
    }
    let body = fs.readFileSync(file);
    if (rel.endsWith('index.html') && options.config) body = withConfig(body.toString(), options.config);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const close = () => new Promise((ok) => {
    server.closeAllConnections();
    server.close(ok);
  });
  return { url: `http://127.0.0.1:${port}/`, port, close };
}

/**
 * An endpoint at /api/submissions for serve()'s `handler`: pushes each
 * entry's parsed body onto `received` and answers 201; other paths are left
 * to the static files.
 */
function recordEntries(received = []) {
  return (req, res) => {
    if (!req.url.startsWith('/api/submissions')) return false;
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push(JSON.parse(body || 'null'));
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    });
    return true;
  };
}

/** Starts headless Chromium with the flags this closed network needs. */
function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A phone-sized page that records console errors and failed page loads. */
async function phonePage(browser, extra = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...extra });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return { context, page };
}

/** axe-core on the current page; returns the violations, summarised. */
async function axe(page) {
  await page.addScriptTag({ path: path.join(modules, 'axe-core', 'axe.min.js') });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

module.exports = { serve, launch, phonePage, withConfig, recordEntries, axe, dist, root };
