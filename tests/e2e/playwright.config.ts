import { defineConfig } from '@playwright/test';
import * as path from 'node:path';
import { SITES, type Site } from './sites';
// The flags for Debian's headless Chromium, shared with benches/chromium.mjs.
import CHROMIUM_ARGS from './chromium-args.json';

// End-to-end tests: the release build (dist/, configured per site) against
// Ion stand-ins, in Debian's Chromium. Every server binds to 127.0.0.1.

const root = path.resolve(__dirname, '..', '..');
const python = path.join(root, 'tests', 'ion-standin', '.venv', 'bin', 'python');
// ION_STANDIN_DIR runs another copy of the stand-in (same virtualenv).
const standinDir = process.env.ION_STANDIN_DIR ?? path.join(root, 'tests', 'ion-standin');

function servers(site: Site) {
  const standin = {
    command:
      `${python} serve.py --port ${site.standinPort} --mode ${site.mode} ` +
      `--token-lifetime ${site.tokenLifetime} --app-origin http://127.0.0.1:${site.appPort}` +
      site.redirectPaths.map((redirectPath) => ` --redirect-path ${redirectPath}`).join(''),
    cwd: standinDir,
    url: `${site.standinUrl}/api`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'ignore' as const,
    // SIGTERM lets the stand-in delete its temporary database.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
  };
  const folder = `target/e2e/${site.name}`;
  // Each site is the same build with its own settings; variants with broken
  // settings live in subfolders and load the same files from the site root.
  const variants = site.variants
    .map(
      (variant) =>
        ` && python3 scripts/configure.py dist ${folder}/${variant.folder} --no-check --ion-url ${site.standinUrl} ` +
        `--client-id ion-pages-local ${variant.options}`,
    )
    .join('');
  // The main site also embeds the build into a host page with its own styles.
  const embed =
    site.name === 'main'
      ? ` && python3 scripts/embed.py ${folder}/my-site tests/e2e/fixtures/host-page.html ${folder}/embed` +
        ` && cp tests/e2e/fixtures/host.css ${folder}/embed/`
      : '';
  const app = {
    command:
      `python3 scripts/configure.py dist ${folder} --ion-url ${site.standinUrl} --client-id ion-pages-local` +
      `${variants}${embed} && ` +
      `exec python3 scripts/serve_static.py ${folder} --port ${site.appPort}`,
    cwd: root,
    url: site.appUrl,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'ignore' as const,
  };
  return [standin, app];
}

export default defineConfig({
  testDir: '.',
  outputDir: path.join(root, 'target', 'e2e', 'results'),
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.join(root, 'target', 'e2e', 'report.json') }]],
  use: {
    baseURL: SITES.main.appUrl,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
  },
  webServer: Object.values(SITES).flatMap(servers),
});
