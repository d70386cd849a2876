import { expect, test, type Page } from '@playwright/test';
import * as path from 'node:path';
import { goToConsent, logInAtStandin, signIn, STUDENT } from './helpers';
import { EMBED, SITES, SUBPATH } from './sites';

const main = SITES.main;

test('build under subpath signs in', async ({ page }) => {
  const siteUrl = `${main.appUrl}${SUBPATH}`;
  await page.goto(siteUrl);

  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  const authorize = new URL(page.url());
  await logInAtStandin(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  expect(page.url()).toBe(siteUrl);
  // The redirect URI defaults to the page's own address, subpath included.
  const next = new URL(authorize.searchParams.get('next') ?? '', main.standinUrl);
  expect(next.searchParams.get('redirect_uri')).toBe(siteUrl);
});

test('subpath build loads one module', async ({ page }) => {
  const siteUrl = `${main.appUrl}${SUBPATH}`;
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(`${new URL(response.url()).pathname} ${response.status()}`);
  });
  await page.goto(siteUrl);
  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);

  // The chunk loader and the snippet are part of Trunk's file (scripts/inline_modules.py).
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toMatch(new RegExp(`^/${SUBPATH}ion-pages-[0-9a-f-]+\\.js 200$`));

  // The inlined snippet still finds DOMPurify next to the page, under the subpath.
  await page.goto(`${siteUrl}#/announcements?page=1`);
  await expect(page.getByText('[hostile] style element')).toBeVisible();
  expect(scripts).toContain(`/${SUBPATH}purify.es.mjs 200`);
});

test('embedded app signs in without clashing', async ({ page }) => {
  const hostUrl = `${main.appUrl}${EMBED}`;
  await page.goto(hostUrl);

  // The app mounted into the host's element, not at the end of <body>.
  const root = page.locator('#ion-pages > .ion-pages');
  await expect(root).toBeVisible();
  await root.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  expect(page.url()).toBe(hostUrl);
  await expect(page.getByRole('heading', { name: "My club's page" })).toBeVisible();

  // The app's styles did not leak into the host page.
  const hostStyles = await page.evaluate(() => {
    const text = getComputedStyle(document.querySelector('[data-testid="host-text"]')!);
    const button = getComputedStyle(document.querySelector('.host-button')!);
    return {
      bodyMargin: getComputedStyle(document.body).marginTop,
      textColor: text.color,
      buttonBackground: button.backgroundColor,
    };
  });
  expect(hostStyles).toEqual({
    bodyMargin: '24px',
    textColor: 'rgb(0, 128, 0)',
    buttonBackground: 'rgb(255, 0, 0)',
  });

  // The host's broad rules did not hide or restyle the app's controls.
  const signOut = root.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeVisible();
  expect(await signOut.evaluate((button) => getComputedStyle(button).borderStyle)).not.toBe('dashed');
});

test('file page explains web server', async ({ page }) => {
  const file = path.resolve(__dirname, '..', '..', 'target', 'e2e', main.name, 'index.html');
  await page.goto(`file://${file}`);

  await expect(page.getByTestId('file-page')).toContainText('cannot run from a file on disk');
  await expect(page.getByTestId('file-page')).toContainText('http://127.0.0.1:8080/');
});

// index.html compiles the .wasm file while it downloads, which needs the
// application/wasm type. A host that sends another type still gets a working
// app: the loader falls back to fetching and compiling the file itself.
test('wasm served with another type still starts', async ({ page }) => {
  const wasmRequests: string[] = [];
  await page.route(/_bg\.wasm$/, async (route) => {
    wasmRequests.push(route.request().url());
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto(main.appUrl);

  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  // The browser rejected the early compilation, then the loader fetched the file again.
  expect(wasmRequests).toHaveLength(2);
});

test('wasm is requested once and compiled early', async ({ page }) => {
  const wasmRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('_bg.wasm')) wasmRequests.push(request.url());
  });
  await page.goto(main.appUrl);

  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  expect(wasmRequests).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { ionPagesWasm?: Promise<unknown> }).ionPagesWasm instanceof Promise)).toBe(true);
});

// The signed-in code is a chunk of its own (src/chunk.rs).
const CHUNK = /\/split_[^/]+\.wasm$/;

/** Holds every request for the chunk back until the returned function is called. */
async function holdChunk(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(CHUNK, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('chunk loads only after sign-in', async ({ page }) => {
  const chunkRequests: string[] = [];
  page.on('request', (request) => {
    if (CHUNK.test(new URL(request.url()).pathname)) chunkRequests.push(request.url());
  });
  await page.goto(main.appUrl);
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  await page.waitForLoadState('networkidle');
  expect(chunkRequests).toHaveLength(0);

  await signIn(page);
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByTestId('today-date')).toBeVisible();
  expect(chunkRequests).toHaveLength(1);
});

test('signed-out views skip the chunk', async ({ page }) => {
  const chunkRequests: string[] = [];
  page.on('request', (request) => {
    if (CHUNK.test(new URL(request.url()).pathname)) chunkRequests.push(request.url());
  });
  await page.goto(main.appUrl);
  await page.getByRole('link', { name: 'Eighth period' }).click();
  await expect(page.getByRole('link', { name: 'Eighth period' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: 'Profile' })).not.toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  await page.evaluate(() => {
    location.hash = '#/nowhere';
  });
  await expect(page.getByTestId('not-found')).toContainText('"#/nowhere"');
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  await page.waitForLoadState('networkidle');
  expect(chunkRequests).toHaveLength(0);

  // Today shows Ion's open schedule, which is in the chunk.
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByTestId('today-date')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  await expect(page.getByTestId('not-found')).toHaveCount(0);
  expect(chunkRequests).toHaveLength(1);
});

test('pasted response checked without chunk', async ({ page }) => {
  const chunkRequests: string[] = [];
  page.on('request', (request) => {
    if (CHUNK.test(new URL(request.url()).pathname)) chunkRequests.push(request.url());
  });
  await page.goto(`${main.appUrl}#/eighth`);
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  await page.evaluate(() => {
    location.hash = '#access_token=forged&token_type=Bearer&expires_in=3600&scope=read&state=forged';
  });
  await expect(page.getByTestId('banner')).toContainText('wrong or already used state');
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  // The address names the view shown again, which the menu still marks.
  expect(page.url()).toBe(`${main.appUrl}#/eighth`);
  await expect(page.getByRole('link', { name: 'Eighth period' })).toHaveAttribute('aria-current', 'page');
  expect(chunkRequests).toHaveLength(0);
});

test('changes while chunk loads are kept', async ({ page }) => {
  await signIn(page);
  const release = await holdChunk(page);
  await page.reload();
  await expect(page.getByText('Checking your sign-in…')).toBeVisible();

  // A pasted response leaves the address at once, before the chunk arrives.
  await page.evaluate(() => {
    location.hash = '#access_token=forged&token_type=Bearer&state=forged';
  });
  await expect.poll(() => page.url()).not.toContain('forged');
  await page.getByRole('link', { name: 'Eighth period' }).click();
  release();

  await expect(page.getByTestId('blocks')).toBeVisible();
  await expect(page.getByTestId('banner')).toContainText('wrong or already used state');
  await expect(page.getByRole('link', { name: 'Eighth period' })).toHaveAttribute('aria-current', 'page');
});

test('failed chunk keeps signed-out page usable', async ({ page }) => {
  await page.route(CHUNK, (route) => route.abort('connectionreset'));
  await page.goto(`${main.appUrl}#/today`);

  const error = page.getByTestId('chunk-error');
  await expect(error).toContainText('Part of ion-pages could not be downloaded from this site. Check the connection. Press Try again.');
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(error).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeEnabled();

  await page.unroute(CHUNK);
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByTestId('today-date')).toBeVisible();
});

test('chunk on its way shows loading', async ({ page }) => {
  const release = await holdChunk(page);
  await goToConsent(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('chunk-loading')).toHaveText('Loading…');
  release();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  await expect(page.getByTestId('chunk-loading')).toHaveCount(0);
});

test('failed chunk download offers retry', async ({ page }) => {
  let reachable = false;
  await page.route(CHUNK, async (route) => {
    if (reachable) await route.continue();
    else await route.abort('connectionreset');
  });
  await goToConsent(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  const error = page.getByTestId('chunk-error');
  await expect(error).toContainText('Part of ion-pages could not be downloaded from this site.');
  reachable = true;
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  // The session could not be stored without the chunk. Once the chunk is
  // there, it is stored after all and survives a reload.
  await expect(page.getByTestId('storage-problem')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
});

test('chunk missing at reload keeps session', async ({ page }) => {
  await signIn(page);
  await page.route(CHUNK, (route) => route.abort('connectionreset'));
  await page.reload();

  const error = page.getByTestId('chunk-error');
  await expect(error).toContainText('Press Try again to restore your sign-in.');
  await page.unroute(CHUNK);
  // By keyboard: focus stays in the page's content when the button goes away.
  await error.getByRole('button', { name: 'Try again' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  await expect(page.getByTestId('chunk-error')).toHaveCount(0);
  await expect(page.locator('.ip-content')).toBeFocused();
});

test('chunk served with another type still loads', async ({ page }) => {
  await page.route(CHUNK, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await signIn(page);
});
