import { defineConfig } from '@playwright/test';
import * as path from 'node:path';

// End-to-end tests: the built app (dist/, configured for these ports) against
// the Ion stand-in, in Debian's Chromium. Both servers bind to 127.0.0.1.
// Ports are fixed so that the stand-in can register the redirect URI.
export const STANDIN_PORT = 18000;
export const APP_PORT = 18080;
export const STANDIN_URL = `http://127.0.0.1:${STANDIN_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}/`;

const root = path.resolve(__dirname, '..', '..');
const python = path.join(root, 'tests', 'ion-standin', '.venv', 'bin', 'python');

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
    baseURL: APP_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: `${python} serve.py --port ${STANDIN_PORT} --app-origin http://127.0.0.1:${APP_PORT}`,
      cwd: path.join(root, 'tests', 'ion-standin'),
      url: `${STANDIN_URL}/api`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      command:
        `python3 scripts/configure.py dist target/e2e/site --ion-url ${STANDIN_URL} && ` +
        `exec python3 scripts/serve_static.py target/e2e/site --port ${APP_PORT}`,
      cwd: root,
      url: APP_URL,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
  ],
});
