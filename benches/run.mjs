#!/usr/bin/env node
// Measures ion-pages side by side with the framework-free reference client in
// benches/reference: first-load transfer, cold load to the sign-in button, the
// return from Ion to the profile name, and the requests of each view.
// scripts/bench builds the app, starts the servers and runs this file.
// BENCHMARKS.md describes each figure.
//
//   node benches/run.mjs --ion-url URL --app-url URL --app-dir DIR
//       --reference-url URL --reference-dir DIR [--runs 15]
//       [--markdown BENCHMARKS.md] [--json FILE] [--command TEXT]

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';

import { launchChromium } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STUDENT = { username: '2027jdoe', password: 'ion-pages-demo', name: 'Jane Doe' };
const SIGN_IN_LABEL = 'Sign in with Ion';
// Upper bound for any single wait. A run that needs longer has failed.
const WAIT_TIMEOUT_MS = 30_000;
const KIND_ORDER = ['wasm', 'JS', 'CSS', 'HTML', 'other'];

// Targets, as ratios of app median to reference median, or bytes for transfer.
const TARGET_TRANSFER_BROTLI_BYTES = 100_000;
const TARGET_RETURN_RATIO = 1.3;
const TARGET_COLD_LOAD_RATIO = 1.5;

const MARK_START = '<!-- bench:start -->';
const MARK_END = '<!-- bench:end -->';

function parseOptions() {
  const { values } = parseArgs({
    options: {
      'ion-url': { type: 'string' },
      'app-url': { type: 'string' },
      'app-dir': { type: 'string' },
      'reference-url': { type: 'string' },
      'reference-dir': { type: 'string' },
      runs: { type: 'string', default: '15' },
      markdown: { type: 'string' },
      json: { type: 'string' },
      command: { type: 'string', default: './scripts/bench' },
    },
  });
  for (const name of ['ion-url', 'app-url', 'app-dir', 'reference-url', 'reference-dir']) {
    if (!values[name]) throw new Error(`--${name} is missing. Run the benchmark through ./scripts/bench.`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not "${values.runs}".`);
  for (const name of ['app-dir', 'reference-dir']) {
    if (!fs.existsSync(path.join(values[name], 'index.html'))) throw new Error(`--${name} ${values[name]} has no index.html.`);
  }
  return {
    ionBase: new URL(values['ion-url']).href.replace(/\/?$/, '/'),
    clients: [
      { name: 'app', url: new URL(values['app-url']).href, dir: values['app-dir'] },
      { name: 'reference', url: new URL(values['reference-url']).href, dir: values['reference-dir'] },
    ],
    runs,
    markdown: values.markdown,
    json: values.json,
    command: values.command,
  };
}

// ---------------------------------------------------------------- in-page marks

/**
 * Records, in every document of the context, the performance.now() time (ms
 * since the document's navigation start) at which the DOM first shows an
 * enabled, visible "Sign in with Ion" button, and the profile name. A
 * MutationObserver runs right after each DOM change, so the times do not
 * depend on how often Playwright polls.
 */
function installMarks({ profileName, signInLabel }) {
  const marks = { signInReady: null, profileShown: null };
  window.__ionBench = marks;
  const check = () => {
    if (marks.signInReady === null) {
      for (const button of document.querySelectorAll('button')) {
        if (button.textContent.trim() === signInLabel && !button.disabled && button.checkVisibility()) {
          marks.signInReady = performance.now();
          break;
        }
      }
    }
    if (marks.profileShown === null) {
      const name = document.querySelector('[data-testid="profile-name"]');
      if (name && name.textContent.trim() === profileName && name.checkVisibility()) {
        marks.profileShown = performance.now();
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

// ---------------------------------------------------------------- requests

/**
 * Every request a page makes while a view is recorded, from the DevTools
 * protocol. Playwright's own request events leave out CORS preflights and the
 * browser's favicon request, which cost a round trip all the same.
 */
class RequestLog {
  static async attach(context, page) {
    const log = new RequestLog();
    const session = await context.newCDPSession(page);
    session.on('Network.requestWillBeSent', (event) => log.onRequest(event));
    session.on('Network.responseReceived', (event) => log.onResponse(event));
    await session.send('Network.enable');
    return log;
  }

  constructor() {
    this.entries = [];
    this.latest = new Map();
  }

  onRequest(event) {
    // A redirect reuses the request id: the earlier hop ends with the redirect's status.
    if (event.redirectResponse) this.latest.get(event.requestId)?.finish(event.redirectResponse);
    const entry = {
      method: event.request.method,
      url: event.request.url,
      status: null,
      headers: {},
      finish(response) {
        this.status = response.status;
        this.headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]));
      },
    };
    this.entries.push(entry);
    this.latest.set(event.requestId, entry);
  }

  onResponse(event) {
    this.latest.get(event.requestId)?.finish(event.response);
  }

  clear() {
    this.entries = [];
    this.latest.clear();
  }

  /** Counts requests by method and URL, with their statuses. data: URLs cost no network and are left out. */
  counted() {
    const counts = new Map();
    for (const entry of this.entries) {
      if (entry.url.startsWith('data:')) continue;
      const key = `${entry.method} ${redactToken(entry.url)}`;
      const seen = counts.get(key) ?? { count: 0, statuses: [] };
      seen.count += 1;
      seen.statuses.push(entry.status ?? '—');
      counts.set(key, seen);
    }
    const requests = [...counts.entries()].map(([key, seen]) => `${key} → ${seen.statuses.join(', ')}`);
    const duplicates = [...counts.entries()].filter(([, seen]) => seen.count > 1).map(([key, seen]) => `${key} (${seen.count}×)`);
    const total = [...counts.values()].reduce((sum, seen) => sum + seen.count, 0);
    return { total, requests, duplicates };
  }
}

function redactToken(text) {
  return text.replace(/(access_token=)[^&#]+/g, '$1…').replace(/(state=)[^&#]+/g, '$1…');
}

// ---------------------------------------------------------------- transfer

const compressedCache = new Map();

/** Raw, gzip -9 and brotli (quality 11) sizes of one file, computed with Node's zlib. */
function compressedSizes(bytes) {
  const digest = createHash('sha256').update(bytes).digest('hex');
  let sizes = compressedCache.get(digest);
  if (!sizes) {
    sizes = {
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }).length,
    };
    compressedCache.set(digest, sizes);
  }
  return sizes;
}

function kindOf(url) {
  const pathname = new URL(url).pathname;
  if (pathname.endsWith('.wasm')) return 'wasm';
  if (pathname.endsWith('.js') || pathname.endsWith('.mjs')) return 'JS';
  if (pathname.endsWith('.css')) return 'CSS';
  if (pathname.endsWith('/') || pathname.endsWith('.html')) return 'HTML';
  return 'other';
}

/**
 * Sizes per kind of every file the cold load fetched from the client's own
 * server with status 200, read from the served folder. Also checks that each
 * file arrived uncompressed and whole, so that the raw size is what crossed
 * the wire. Other responses (a 404 favicon, for example) appear in the request table.
 */
function transferByKind(log, client) {
  const origin = new URL(client.url).origin;
  const byKind = Object.fromEntries(KIND_ORDER.map((kind) => [kind, { files: 0, raw: 0, gzip: 0, brotli: 0 }]));
  for (const entry of log.entries) {
    if (!entry.url.startsWith(`${origin}/`) || entry.status !== 200) continue;
    const pathname = decodeURIComponent(new URL(entry.url).pathname);
    const file = path.join(client.dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    const bytes = fs.readFileSync(file);
    const sizes = compressedSizes(bytes);
    const encoding = entry.headers['content-encoding'];
    const length = Number(entry.headers['content-length']);
    if (encoding || length !== bytes.length) {
      throw new Error(`${client.name}: ${entry.url} arrived with content-encoding "${encoding ?? ''}" and `
        + `content-length ${length}, but ${file} has ${bytes.length} bytes.`);
    }
    const total = byKind[kindOf(entry.url)];
    total.files += 1;
    total.raw += sizes.raw;
    total.gzip += sizes.gzip;
    total.brotli += sizes.brotli;
  }
  return byKind;
}

// ---------------------------------------------------------------- one run

async function waitForMark(page, mark, description) {
  try {
    await page.waitForFunction((name) => window.__ionBench?.[name] != null, mark, { timeout: WAIT_TIMEOUT_MS });
  } catch (error) {
    throw new Error(`${description} did not appear within ${WAIT_TIMEOUT_MS} ms on ${redactToken(page.url())}: ${error.message}`);
  }
  return page.evaluate((name) => window.__ionBench[name], mark);
}

/**
 * Reads from Resource Timing, in ms since navigation start, when the last of
 * the client's own files had arrived and when the profile request started and
 * ended (null when there was none). Cross-origin entries without
 * Timing-Allow-Origin still carry startTime and responseEnd.
 */
function readTimeline(page, ionBase) {
  return page.evaluate((profileUrl) => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const own = resources.filter((entry) => entry.name.startsWith(`${location.origin}/`));
    const profile = resources.find((entry) => entry.name.startsWith(profileUrl));
    return {
      filesLoaded: Math.max(navigation.responseEnd, ...own.map((entry) => entry.responseEnd)),
      profileStart: profile ? profile.startTime : null,
      profileEnd: profile ? profile.responseEnd : null,
    };
  }, `${ionBase}api/profile`);
}

/** Cold load: navigation start to an enabled, visible sign-in button, in a context with nothing cached. */
async function measureColdLoad(page, log, client, ionBase) {
  log.clear();
  await page.goto(client.url, { waitUntil: 'commit' });
  const readyMs = await waitForMark(page, 'signInReady', `${client.name}: the sign-in button`);
  // Playwright's own check of the same condition, through the accessibility tree.
  const button = page.getByRole('button', { name: SIGN_IN_LABEL });
  await button.waitFor({ state: 'visible', timeout: WAIT_TIMEOUT_MS });
  if (!(await button.isEnabled())) throw new Error(`${client.name}: the sign-in button is visible but disabled.`);
  // Requests that start after the button appears still belong to this view.
  await page.waitForLoadState('networkidle', { timeout: WAIT_TIMEOUT_MS });
  const timeline = await readTimeline(page, ionBase);
  return { readyMs, timeline, requests: log.counted(), transfer: transferByKind(log, client) };
}

/**
 * Presses "Sign in with Ion" so that the client stores its pending state the
 * way it does for a real sign-in, and fulfills the navigation to Ion with 204
 * No Content, which leaves the page where it is. Returns the authorization URL.
 */
async function seedPendingState(page, client, ionBase) {
  const authorizePrefix = `${ionBase}oauth/authorize/`;
  let resolveUrl;
  const requested = new Promise((resolve) => {
    resolveUrl = resolve;
  });
  const matcher = (url) => url.href.startsWith(authorizePrefix);
  const handler = async (route) => {
    resolveUrl(route.request().url());
    await route.fulfill({ status: 204 });
  };
  await page.route(matcher, handler);
  await page.getByRole('button', { name: SIGN_IN_LABEL }).click();
  const authorizeUrl = await withTimeout(requested, `${client.name}: the navigation to ${authorizePrefix}`);
  await page.unroute(matcher, handler);

  const query = new URL(authorizeUrl).searchParams;
  if (query.get('redirect_uri') !== client.url || query.get('response_type') !== 'token' || !query.get('state')) {
    throw new Error(`${client.name}: unexpected authorization URL ${redactToken(authorizeUrl)}.`);
  }
  return authorizeUrl;
}

/**
 * Opens the authorization URL in the login context (logging in to the stand-in
 * the first time), presses Authorize and returns the Location of Ion's 302: the
 * redirect URI with the token in its fragment. The login context fulfills
 * that redirect with 204, so the token is not used there.
 */
async function obtainTokenRedirect(loginPage, authorizeUrl, client) {
  await loginPage.goto(authorizeUrl);
  if (new URL(loginPage.url()).pathname === '/login') {
    await loginPage.getByLabel('Username').fill(STUDENT.username);
    await loginPage.getByLabel('Password').fill(STUDENT.password);
    await loginPage.getByRole('button', { name: 'Login' }).click();
  }
  const authorize = loginPage.getByRole('button', { name: 'Authorize' });
  await authorize.waitFor({ state: 'visible', timeout: WAIT_TIMEOUT_MS });
  const redirect = loginPage.waitForResponse(
    (response) => response.request().method() === 'POST' && response.status() === 302,
    { timeout: WAIT_TIMEOUT_MS },
  );
  await authorize.click();
  const location = (await redirect).headers().location ?? '';

  const expectedState = new URL(authorizeUrl).searchParams.get('state');
  const fragment = new URLSearchParams(location.split('#')[1] ?? '');
  if (!location.startsWith(`${client.url}#`) || !fragment.get('access_token') || fragment.get('state') !== expectedState) {
    throw new Error(`${client.name}: Ion's redirect did not carry a token for this attempt: ${redactToken(location)}`);
  }
  return location;
}

/**
 * Return leg: navigation start of the redirect URI carrying the token to the
 * profile name on screen. The tab first leaves the client for about:blank, so
 * that the return loads a new document as it does when Ion sends the browser
 * back. Without that step only the fragment would change, and the browser
 * would keep the document.
 */
async function measureReturn(page, log, client, redirectUrl, ionBase) {
  await page.goto('about:blank');
  log.clear();
  await page.goto(redirectUrl, { waitUntil: 'commit' });
  const shownMs = await waitForMark(page, 'profileShown', `${client.name}: the profile name`);
  await page.getByTestId('profile-name').filter({ hasText: STUDENT.name }).waitFor({ state: 'visible', timeout: WAIT_TIMEOUT_MS });
  await page.waitForLoadState('networkidle', { timeout: WAIT_TIMEOUT_MS });
  if (page.url() !== client.url) {
    throw new Error(`${client.name}: the address still contains the authorization response after sign-in: ${redactToken(page.url())}`);
  }
  const timeline = await readTimeline(page, ionBase);
  return { shownMs, timeline, requests: log.counted() };
}

async function runOnce(browser, loginPage, client, ionBase) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(installMarks, { profileName: STUDENT.name, signInLabel: SIGN_IN_LABEL });
    const page = await context.newPage();
    const log = await RequestLog.attach(context, page);
    const cold = await measureColdLoad(page, log, client, ionBase);
    const authorizeUrl = await seedPendingState(page, client, ionBase);
    const redirectUrl = await obtainTokenRedirect(loginPage, authorizeUrl, client);
    const back = await measureReturn(page, log, client, redirectUrl, ionBase);
    return { cold, back };
  } finally {
    await context.close();
  }
}

function withTimeout(promise, description) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${description} did not happen within ${WAIT_TIMEOUT_MS} ms.`)), WAIT_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- statistics

function quantile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function describe(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
  };
}

function summarize(results) {
  const summary = {};
  for (const [name, runs] of Object.entries(results)) {
    const transfer = {};
    for (const kind of KIND_ORDER) {
      transfer[kind] = {};
      for (const measure of ['files', 'raw', 'gzip', 'brotli']) {
        transfer[kind][measure] = describe(runs.map((run) => run.cold.transfer[kind][measure]));
      }
    }
    transfer.total = {};
    for (const measure of ['files', 'raw', 'gzip', 'brotli']) {
      transfer.total[measure] = describe(runs.map((run) => KIND_ORDER.reduce((sum, kind) => sum + run.cold.transfer[kind][measure], 0)));
    }
    summary[name] = {
      coldMs: describe(runs.map((run) => run.cold.readyMs)),
      coldFilesLoaded: describe(runs.map((run) => run.cold.timeline.filesLoaded)),
      returnFilesLoaded: describe(runs.map((run) => run.back.timeline.filesLoaded)),
      profileStart: describe(runs.map((run) => run.back.timeline.profileStart)),
      profileEnd: describe(runs.map((run) => run.back.timeline.profileEnd)),
      returnMs: describe(runs.map((run) => run.back.shownMs)),
      transfer,
      coldRequests: describe(runs.map((run) => run.cold.requests.total)),
      returnRequests: describe(runs.map((run) => run.back.requests.total)),
      coldDuplicates: runs.flatMap((run) => run.cold.requests.duplicates),
      returnDuplicates: runs.flatMap((run) => run.back.requests.duplicates),
      coldRequestList: runs[0].cold.requests.requests,
      returnRequestList: runs[0].back.requests.requests,
    };
  }
  return summary;
}

// ---------------------------------------------------------------- report

const formatMs = (value) => `${value.toFixed(1)} ms`;
const formatKB = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const formatRatio = (value) => `${value.toFixed(2)}×`;
const spread = (stats, format) => `${format(stats.min)}–${format(stats.max)}`;
const iqr = (stats, format) => `${format(stats.q1)}–${format(stats.q3)}`;

/** Formats a byte figure once when it is the same in every run, or else as median and range. */
function bytesCell(stats) {
  if (stats.min === stats.max) return `${stats.median.toLocaleString('en-US')} B`;
  return `${stats.median.toLocaleString('en-US')} B (${stats.min.toLocaleString('en-US')}–${stats.max.toLocaleString('en-US')})`;
}

function verdict(met) {
  return met ? 'met' : '**not met**';
}

function renderReport(summary, info, runs) {
  const app = summary.app;
  const reference = summary.reference;
  const appBrotli = app.transfer.total.brotli.median;
  const coldRatio = app.coldMs.median / reference.coldMs.median;
  const returnRatio = app.returnMs.median / reference.returnMs.median;
  const duplicates = [...app.coldDuplicates, ...app.returnDuplicates, ...reference.coldDuplicates, ...reference.returnDuplicates];
  const lines = [];

  lines.push(`Measured ${info.date} over ${runs} runs per client, alternating app and reference.`);
  lines.push('');
  lines.push('| measure | app median | app IQR; min–max | reference median | reference IQR; min–max | app ÷ reference | target | result |');
  lines.push('|---|---|---|---|---|---|---|---|');
  const transferSpread = (stats) => (stats.min === stats.max ? 'same in every run' : `${iqr(stats, formatKB)}; ${spread(stats, formatKB)}`);
  lines.push(
    `| first-load transfer, brotli 11 | ${formatKB(appBrotli)} | ${transferSpread(app.transfer.total.brotli)} `
      + `| ${formatKB(reference.transfer.total.brotli.median)} | ${transferSpread(reference.transfer.total.brotli)} `
      + `| ${formatRatio(appBrotli / reference.transfer.total.brotli.median)} | app ≤ ${formatKB(TARGET_TRANSFER_BROTLI_BYTES)} `
      + `| ${verdict(appBrotli <= TARGET_TRANSFER_BROTLI_BYTES)} |`,
  );
  lines.push(
    `| cold load to sign-in button | ${formatMs(app.coldMs.median)} | ${iqr(app.coldMs, formatMs)}; ${spread(app.coldMs, formatMs)} `
      + `| ${formatMs(reference.coldMs.median)} | ${iqr(reference.coldMs, formatMs)}; ${spread(reference.coldMs, formatMs)} `
      + `| ${formatRatio(coldRatio)} | ≤ ${formatRatio(TARGET_COLD_LOAD_RATIO)} | ${verdict(coldRatio <= TARGET_COLD_LOAD_RATIO)} |`,
  );
  lines.push(
    `| redirect return to profile name | ${formatMs(app.returnMs.median)} | ${iqr(app.returnMs, formatMs)}; ${spread(app.returnMs, formatMs)} `
      + `| ${formatMs(reference.returnMs.median)} | ${iqr(reference.returnMs, formatMs)}; ${spread(reference.returnMs, formatMs)} `
      + `| ${formatRatio(returnRatio)} | ≤ ${formatRatio(TARGET_RETURN_RATIO)} | ${verdict(returnRatio <= TARGET_RETURN_RATIO)} |`,
  );
  lines.push(
    `| duplicate requests (all runs, both views) | ${app.coldDuplicates.length + app.returnDuplicates.length} | | `
      + `${reference.coldDuplicates.length + reference.returnDuplicates.length} | | | 0 | ${verdict(duplicates.length === 0)} |`,
  );
  lines.push('');

  lines.push('First-load transfer per kind (the files the cold load fetched; 1 KB = 1000 bytes):');
  lines.push('');
  lines.push('| kind | app files | app raw | app gzip -9 | app brotli 11 | reference files | reference raw | reference gzip -9 | reference brotli 11 |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const kind of [...KIND_ORDER, 'total']) {
    const a = app.transfer[kind];
    const r = reference.transfer[kind];
    if (kind === 'other' && a.files.max === 0 && r.files.max === 0) continue;
    lines.push(
      `| ${kind} | ${a.files.median} | ${bytesCell(a.raw)} | ${bytesCell(a.gzip)} | ${bytesCell(a.brotli)} `
        + `| ${r.files.median} | ${bytesCell(r.raw)} | ${bytesCell(r.gzip)} | ${bytesCell(r.brotli)} |`,
    );
  }
  lines.push('');

  lines.push('Where the time goes (medians in ms from navigation start, from Resource Timing and the marks above):');
  lines.push('');
  lines.push('| client | cold load: own files loaded | cold load: sign-in button | return: own files loaded | return: profile request sent | return: profile response received | return: name shown |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const name of ['app', 'reference']) {
    const client = summary[name];
    lines.push(
      `| ${name} | ${client.coldFilesLoaded.median.toFixed(1)} | ${client.coldMs.median.toFixed(1)} | ${client.returnFilesLoaded.median.toFixed(1)} `
        + `| ${client.profileStart.median.toFixed(1)} | ${client.profileEnd.median.toFixed(1)} | ${client.returnMs.median.toFixed(1)} |`,
    );
  }
  lines.push('');

  lines.push('Requests per view (counted by method and URL; median and min–max over the runs, then those of the first run):');
  lines.push('');
  lines.push('| view | client | requests | duplicates | requests of the first run |');
  lines.push('|---|---|---|---|---|');
  for (const [view, countKey, duplicatesKey, listKey] of [
    ['cold load (signed out)', 'coldRequests', 'coldDuplicates', 'coldRequestList'],
    ['redirect return (signed in)', 'returnRequests', 'returnDuplicates', 'returnRequestList'],
  ]) {
    for (const name of ['app', 'reference']) {
      const client = summary[name];
      const counts = client[countKey];
      const countText = counts.min === counts.max ? `${counts.median}` : `${counts.median} (${counts.min}–${counts.max})`;
      const duplicateText = client[duplicatesKey].length === 0 ? '0' : `${client[duplicatesKey].length}: ${[...new Set(client[duplicatesKey])].join('; ')}`;
      lines.push(`| ${view} | ${name} | ${countText} | ${duplicateText} | ${client[listKey].map((key) => `\`${key}\``).join('<br>')} |`);
    }
  }
  lines.push('');

  lines.push('Machine and versions:');
  lines.push('');
  lines.push(`- CPU: ${info.cpu}, ${info.cores} logical cores, ${info.memory}; one-minute load average ${info.load}`);
  lines.push(`- ${info.os}`);
  lines.push(`- Chromium ${info.chromium}, Playwright (playwright-core) ${info.playwright}, Node.js ${info.node}`);
  lines.push(`- ${info.rustc}; ${info.trunk}; ${info.wasmBindgen}; ${info.wasmOpt}`);
  lines.push(`- source: ${info.source}`);
  lines.push(`- command: \`${info.command}\``);
  return lines.join('\n');
}

function toolVersion(command, args) {
  // The same search path as scripts/bench, so that wasm-opt is the one Trunk uses.
  const env = { ...process.env, PATH: [path.join(ROOT, 'node_modules', '.bin'), path.join(os.homedir(), '.cargo', 'bin'), process.env.PATH].join(':') };
  try {
    return execFileSync(command, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return `${command}: not found`;
  }
}

function machineInfo(browser, command, runs, loadAtStart) {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown CPU';
  const osRelease = fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '';
  const prettyName = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? os.type();
  const playwrightPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8'));
  const commit = toolVersion('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  // BENCHMARKS.md is left out, because this script rewrites it on every run.
  const dirty = toolVersion('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md']) !== '';
  const runsOption = runs === 15 ? '' : ` --runs ${runs}`;
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: model,
    cores: os.cpus().length,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB memory`,
    load: `${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end`,
    os: `${prettyName}, Linux ${os.release()}`,
    chromium: browser.version(),
    playwright: playwrightPackage.version,
    node: process.version,
    rustc: toolVersion('rustc', ['--version']),
    trunk: toolVersion('trunk', ['--version']),
    wasmBindgen: toolVersion('wasm-bindgen', ['--version']),
    wasmOpt: toolVersion('wasm-opt', ['--version']),
    source: `commit ${commit}${dirty ? ' with uncommitted changes to tracked files' : ''}`,
    command: command.includes('--runs') ? command : `${command}${runsOption}`,
  };
}

/** Replaces the text between the markers in the Markdown file, or appends it with markers. */
function updateMarkdown(file, report) {
  const block = `${MARK_START}\n${report}\n${MARK_END}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf(MARK_START);
  const end = text.indexOf(MARK_END);
  const updated = start !== -1 && end > start
    ? `${text.slice(0, start)}${block}${text.slice(end + MARK_END.length)}`
    : `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}\n${block}\n`;
  fs.writeFileSync(file, updated);
}

// ---------------------------------------------------------------- main

async function main() {
  const options = parseOptions();
  const loadAtStart = os.loadavg()[0];
  if (loadAtStart > 0.5) {
    console.log(`bench: the one-minute load average is ${loadAtStart.toFixed(2)}, so other work on the machine will make the times noisier.`);
  }
  const browser = await launchChromium();
  try {
    // One context stays logged in to the stand-in and only hands out tokens.
    const loginContext = await browser.newContext();
    for (const client of options.clients) {
      const origin = new URL(client.url).origin;
      await loginContext.route((url) => url.origin === origin, (route) => route.fulfill({ status: 204 }));
    }
    const loginPage = await loginContext.newPage();

    // One unrecorded run per client comes first, because the browser's first
    // page load after launch is slower for reasons unrelated to either client.
    for (const client of options.clients) {
      await runOnce(browser, loginPage, client, options.ionBase);
    }

    const results = { app: [], reference: [] };
    for (let index = 0; index < options.runs; index += 1) {
      // Alternate which client goes first, so that neither always runs right after the other.
      const order = index % 2 === 0 ? options.clients : [...options.clients].reverse();
      for (const client of order) {
        const result = await runOnce(browser, loginPage, client, options.ionBase);
        results[client.name].push(result);
        console.log(
          `run ${index + 1}/${options.runs} ${client.name.padEnd(9)} cold load ${formatMs(result.cold.readyMs)}, `
            + `return ${formatMs(result.back.shownMs)}, requests ${result.cold.requests.total} + ${result.back.requests.total}`,
        );
      }
    }

    const summary = summarize(results);
    const info = machineInfo(browser, options.command, options.runs, loadAtStart);
    const report = renderReport(summary, info, options.runs);
    console.log(`\n${report}\n`);
    if (options.markdown) {
      updateMarkdown(options.markdown, report);
      console.log(`Updated ${options.markdown}.`);
    }
    if (options.json) {
      fs.mkdirSync(path.dirname(options.json), { recursive: true });
      const raw = Object.fromEntries(Object.entries(results).map(([name, runs]) => [name, runs.map((run) => ({
        coldMs: run.cold.readyMs,
        returnMs: run.back.shownMs,
        coldTimeline: run.cold.timeline,
        returnTimeline: run.back.timeline,
        transfer: run.cold.transfer,
        coldRequests: run.cold.requests,
        returnRequests: run.back.requests,
      }))]));
      fs.writeFileSync(options.json, `${JSON.stringify({ info, summary, runs: raw }, null, 2)}\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
