#!/usr/bin/env node
// Splits the app's cold load into phases, to show where the time between "the
// files have arrived" and "the sign-in button is ready" goes. scripts/bench
// runs it after benches/run.mjs, against the same app server. BENCHMARKS.md
// defines each figure ("What is measured", item 6) and discusses them
// ("Where start-up time goes").
//
//   node benches/startup.mjs --url URL --wasm FILE [--runs 15] [--compare URL2]
//
// FILE is the app's _bg.wasm as served, used to turn the function indexes
// in Chromium's trace into code sizes (and names, when the file still has
// its name section). --compare also loads a second build of the app, served
// at URL2, alternating with the first, and prints its phases too (without
// the trace), to compare two builds under the same conditions.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';

import { launchChromium } from './chromium.mjs';

// V8 compiles each wasm function on its first call ("lazy compilation").
// This flag makes it compile the whole module while it loads instead, which
// shows how much of the start-up is compiling rather than running.
const EAGER_FLAG = '--js-flags=--no-wasm-lazy-compilation';
const SIGN_IN_LABEL = 'Sign in with Ion';
const WAIT_TIMEOUT_MS = 30_000;

/** Runs in the page before its scripts: records when each phase is reached. */
function recordPhases() {
  const marks = {};
  window.__startupMarks = marks;
  const mark = (name) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  const fetch = window.fetch;
  window.fetch = (...args) => {
    if (String(args[0]).endsWith('.wasm')) mark('wasmRequested');
    return fetch(...args);
  };
  // The app compiles with compileStreaming, then instantiates the module
  // (scripts/post_build.py). Trunk's own loader does both at once.
  const compileStreaming = WebAssembly.compileStreaming;
  WebAssembly.compileStreaming = async (...args) => {
    const module = await compileStreaming(...args);
    mark('compiled');
    return module;
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate(...args);
    mark('instantiated');
    return result;
  };
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const result = await instantiateStreaming(...args);
    mark('compiled');
    mark('instantiated');
    return result;
  };
  // The same condition as benches/run.mjs's cold load.
  new MutationObserver(() => {
    const ready = [...document.querySelectorAll('button')].some(
      (button) => button.textContent.trim() === 'Sign in with Ion' && !button.disabled && button.checkVisibility(),
    );
    if (ready) mark('button');
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Code size of each function index, and names from the "name" section if present. */
function readFunctions(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(`--wasm ${file} could not be read (${error.code ?? error.message}). Give the _bg.wasm file the server sends.`);
  }
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x0061736d) {
    throw new Error(`--wasm ${file} is not a WebAssembly file. Give the _bg.wasm file the server sends.`);
  }
  let position = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[position++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const text = () => {
    const length = u32();
    const value = bytes.subarray(position, position + length).toString('utf8');
    position += length;
    return value;
  };
  const limits = () => {
    const flags = bytes[position++];
    u32();
    if (flags & 1) u32();
  };
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (position < bytes.length) {
    const id = bytes[position++];
    const size = u32();
    const end = position + size;
    if (id === 2) {
      const count = u32();
      for (let i = 0; i < count; i += 1) {
        text();
        text();
        const kind = bytes[position++];
        if (kind === 0) {
          imported += 1;
          u32();
        } else if (kind === 1) {
          position += 1;
          limits();
        } else if (kind === 2) {
          limits();
        } else if (kind === 3) {
          position += 2;
        } else {
          position += 1;
          u32();
        }
      }
    } else if (id === 10) {
      const count = u32();
      for (let i = 0; i < count; i += 1) {
        const bodySize = u32();
        sizes.push(bodySize);
        position += bodySize;
      }
    } else if (id === 0 && text() === 'name') {
      while (position < end) {
        const subsection = bytes[position++];
        const subsectionEnd = u32() + position;
        if (subsection === 1) {
          const count = u32();
          for (let i = 0; i < count; i += 1) names.set(u32(), text());
        }
        position = subsectionEnd;
      }
    }
    position = end;
  }
  return { imported, sizes, names, total: sizes.reduce((sum, value) => sum + value, 0) };
}

/** Runs one cold load in a new context and returns the phase marks and when the app's own files had arrived. */
async function coldLoad(browser, url) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(recordPhases);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'button' in window.__startupMarks, null, { timeout: WAIT_TIMEOUT_MS });
    // The HTML document counts as one of the app's files, as in benches/run.mjs.
    return await page.evaluate(() => ({
      ...window.__startupMarks,
      filesLoaded: Math.max(
        performance.getEntriesByType('navigation')[0].responseEnd,
        ...performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.startsWith(location.origin))
          .map((entry) => entry.responseEnd),
      ),
    }));
  } finally {
    await context.close();
  }
}

/**
 * Runs the cold loads of each (URL, Chromium flags) series, alternating between the
 * series and changing which goes first every round, after one unrecorded load
 * of each. Returns one list of results per series.
 */
async function phases(series, runs) {
  const browsers = [];
  try {
    for (const { extraArgs } of series) browsers.push(await launchChromium(extraArgs));
    for (const [index, { url }] of series.entries()) await coldLoad(browsers[index], url);
    const results = series.map(() => []);
    for (let run = 0; run < runs; run += 1) {
      const order = [...series.keys()];
      if (run % 2 === 1) order.reverse();
      for (const index of order) results[index].push(await coldLoad(browsers[index], series[index].url));
    }
    return results;
  } finally {
    for (const browser of browsers) await browser.close();
  }
}

/** Traces one cold load and returns the functions V8 compiled on first call before the button was seen. */
async function lazyCompilation(url, functions) {
  const browser = await launchChromium();
  try {
    await coldLoad(browser, url);
    const context = await browser.newContext();
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
    await page.goto(url);
    await page.getByRole('button', { name: SIGN_IN_LABEL }).waitFor({ timeout: WAIT_TIMEOUT_MS });
    const trace = JSON.parse((await browser.stopTracing()).toString());
    await context.close();
    const compiled = trace.traceEvents
      .filter((event) => event.name === 'wasm.CompileLazy' && event.args?.func_index !== undefined)
      .map((event) => {
        const index = event.args.func_index;
        return {
          index,
          bytes: functions.sizes[index - functions.imported] ?? 0,
          ms: (event.dur ?? 0) / 1000,
          name: functions.names.get(index) ?? `function ${index}`,
        };
      });
    return compiled;
  } finally {
    await browser.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;

function phaseRow(label, results) {
  const of = (pick) => ms(median(results.map(pick)));
  return [
    label,
    of((r) => r.filesLoaded),
    of((r) => r.wasmRequested),
    of((r) => r.compiled),
    of((r) => r.instantiated),
    of((r) => r.button),
    of((r) => r.button - r.instantiated),
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      wasm: { type: 'string' },
      runs: { type: 'string', default: '15' },
      compare: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!values.url || !values.wasm || !Number.isInteger(runs) || runs < 1) {
    throw new Error(
      'Usage: node benches/startup.mjs --url URL --wasm FILE [--runs 15] [--compare URL2] (runs: a whole number, 1 or more)',
    );
  }
  const functions = readFunctions(values.wasm);
  const series = [
    { label: 'default (lazy compilation)', url: values.url, extraArgs: [] },
    { label: `whole module compiled at load (\`${EAGER_FLAG}\`)`, url: values.url, extraArgs: [EAGER_FLAG] },
  ];
  if (values.compare) series.push({ label: `${values.compare}, lazy compilation`, url: values.compare, extraArgs: [] });
  const results = await phases(series, runs);
  const compiled = await lazyCompilation(values.url, functions);

  const lines = [];
  lines.push(`Cold load of the app, medians over ${runs} runs each (the series alternate), in ms from navigation start:`, '');
  lines.push(
    '| series | own files loaded | wasm requested | wasm compiled | wasm instantiated | sign-in button | instantiated to button |',
  );
  lines.push('|---|---|---|---|---|---|---|');
  for (const [index, { label }] of series.entries()) lines.push(`| ${phaseRow(label, results[index]).join(' | ')} |`);
  lines.push('');
  const bytes = compiled.reduce((sum, item) => sum + item.bytes, 0);
  const time = compiled.reduce((sum, item) => sum + item.ms, 0);
  lines.push(
    `Functions compiled on first call before the button was seen (one traced load of ${values.url}): ` +
      `${compiled.length} of ${functions.sizes.length}, ${bytes.toLocaleString('en-US')} of ` +
      `${functions.total.toLocaleString('en-US')} bytes of code, ${ms(time)} of compiling (tracing adds its own ` +
      'overhead, and the trace stops when Playwright sees the button, which may be a few ms after it was ready).',
  );
  if (functions.names.size === 0) {
    lines.push(
      '',
      'The wasm file has no name section (wasm-opt removes it), so the functions are not listed. To list them, ' +
        'serve a build made with data-wasm-opt="0" on the Rust link of index.html.',
    );
  } else {
    lines.push('', '| code bytes | compile time | function |', '|---|---|---|');
    for (const item of [...compiled].sort((a, b) => b.bytes - a.bytes).slice(0, 10)) {
      lines.push(`| ${item.bytes.toLocaleString('en-US')} B | ${ms(item.ms)} | \`${item.name.replace(/::h[0-9a-f]{16}$/, '')}\` |`);
    }
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(`startup: ${error.message}`);
  process.exit(1);
});
