// The headless Chromium that the benchmark scripts drive: Debian's, started
// with the same flags as the end-to-end tests (tests/e2e/chromium-args.json).

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = JSON.parse(readFileSync(new URL('../tests/e2e/chromium-args.json', import.meta.url), 'utf8'));

/** Launches /usr/bin/chromium headless, with `extraArgs` after the usual flags. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}
