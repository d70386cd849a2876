import { expect, test } from '@playwright/test';
import { cookielessRequest, goToConsent, recordConsole, recordIssuedTokens, signIn, storedEntries, STUDENT } from './helpers';
import { SITES } from './sites';

test('short token warns then expires', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, SITES.shortTokens);

  await expect(page.getByTestId('expiry-warning')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('signed-out-reason')).toHaveText(/session expired/, { timeout: 20_000 });
  await expect(page.getByTestId('profile')).toHaveCount(0);
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
});

test('stay signed in renews without consent', async ({ page, context }) => {
  test.setTimeout(60_000);
  const tokens = recordIssuedTokens(context);
  await signIn(page, SITES.shortTokens);

  await page.getByRole('button', { name: 'Stay signed in' }).click({ timeout: 20_000 });

  // approval_prompt=auto: the stand-in skips its consent page while the
  // earlier token is valid, so the app is back at once with a new token.
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  expect(tokens).toHaveLength(2);
  expect(tokens[1]).not.toBe(tokens[0]);
  await expect(page.getByTestId('expiry-warning')).toHaveCount(0);
});

test('reused callback URL is rejected', async ({ page, context, browser }) => {
  let callbackUrl = '';
  context.on('response', (response) => {
    const location = response.headers()['location'] ?? '';
    if (location.includes('#access_token=')) callbackUrl = location;
  });
  await signIn(page);
  expect(callbackUrl).not.toBe('');

  // Pasted into the open tab: only the fragment changes, no page load. The
  // address names the view shown again.
  await page.goto(callbackUrl);

  await expect(page.getByTestId('banner')).toContainText('wrong or already used state');
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  expect(page.url()).toBe(`${SITES.main.appUrl}#/profile`);

  // Opened again as a new page load.
  await page.goto('about:blank');
  await page.goto(callbackUrl);

  await expect(page.getByTestId('banner')).toContainText('wrong or already used state');
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  expect(page.url()).toBe(SITES.main.appUrl);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(callbackUrl);
  await expect(otherPage.getByTestId('signed-out-reason')).toContainText('wrong or already used state');
  expect(Object.keys((await storedEntries(otherPage)).local)).toEqual([]);
  await other.close();
});

test('tabs follow sign-in and sign-out', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await second.goto(SITES.main.appUrl);
  await expect(second.getByRole('button', { name: 'Sign in with Ion' })).toBeVisible();

  await signIn(first);
  await expect(second.getByTestId('profile-name')).toHaveText(STUDENT.name);

  await second.getByRole('button', { name: 'Sign out' }).click();
  await expect(first.getByTestId('signed-out-reason')).toHaveText('You signed out in another tab.');
});

test('sign out revokes token at ion', async ({ page, context }) => {
  const tokens = recordIssuedTokens(context);
  await signIn(page);

  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByTestId('banner')).toHaveText(/Ion revoked the token/);
  const api = await cookielessRequest();
  const response = await api.get(`${SITES.main.standinUrl}/api/profile`, {
    headers: { Authorization: `Bearer ${tokens[0]}` },
  });
  expect(response.status()).toBe(403);
  await api.dispose();
});

test('blocked local storage keeps session in memory', async ({ page }) => {
  await page.addInitScript(() => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: blocked });
    Object.defineProperty(window, 'indexedDB', { get: blocked });
  });

  await signIn(page);

  await expect(page.getByTestId('storage-problem')).toContainText('will not survive a reload');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeVisible();
});

test('blocked session storage explains sign-in', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'sessionStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto('/');

  await page.getByRole('button', { name: 'Sign in with Ion' }).click();

  await expect(page.getByRole('alert')).toContainText('The sign-in cannot start because the browser blocks session storage');
  expect(page.url()).toBe(SITES.main.appUrl);
});

test('token never leaks during sign-in', async ({ page, context }) => {
  const consoleMessages = recordConsole(page);
  const tokens = recordIssuedTokens(context);
  const states: string[] = [];
  const requests: { url: string; referer?: string; authorization?: string }[] = [];
  context.on('request', (request) => {
    const headers = request.headers();
    requests.push({ url: request.url(), referer: headers['referer'], authorization: headers['authorization'] });
    const state = new URL(request.url()).searchParams.get('state');
    if (state) states.push(state);
  });

  await signIn(page);
  // Back and forward through history: the entry the token arrived in was
  // rewritten, so the address never shows it again.
  await page.goBack();
  await page.goForward();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('banner')).toHaveText(/Ion revoked the token/);

  const token = tokens[0];
  expect(token).toBeTruthy();
  expect(page.url()).not.toContain(token);
  for (const request of requests) {
    expect(request.url).not.toContain(token);
    expect(request.referer ?? '').not.toContain(token);
    if (request.authorization?.includes(token)) {
      expect(new URL(request.url).origin).toBe(SITES.main.standinUrl);
    }
  }
  expect(requests.some((request) => request.authorization === `Bearer ${token}`)).toBe(true);
  for (const message of consoleMessages) {
    expect(message).not.toContain(token);
    for (const state of states) expect(message).not.toContain(state);
  }
});

test('page policy raises no violation', async ({ page }) => {
  const consoleMessages = recordConsole(page);

  await signIn(page);

  expect(consoleMessages.filter((message) => message.includes('Content Security Policy'))).toEqual([]);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain(`connect-src 'self' ${SITES.main.standinUrl}`);
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
});

test('granted scope matches request', async ({ page }) => {
  await goToConsent(page);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByText('Signed in with Ion (scope: read).')).toBeVisible();
  await expect(page.getByTestId('scope-note')).toHaveCount(0);
});
