import { expect, test, type Request } from '@playwright/test';
import { logInAtStandin, recordConsole, storedEntries, STUDENT } from './helpers';
import { CODE, SITES } from './sites';

/** The grant_type of a POST to the token endpoint, or null for other requests. */
function tokenGrant(request: Request): string | null {
  if (request.method() !== 'POST' || !request.url().endsWith('/oauth/token/')) return null;
  return new URLSearchParams(request.postData() ?? '').get('grant_type');
}

test('code grant signs in with PKCE', async ({ page, context }) => {
  const consoleMessages = recordConsole(page);
  const appUrl = `${SITES.main.appUrl}${CODE}`;
  const authorizeRequests: URL[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const tokenBodies: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/oauth/authorize/' && url.searchParams.has('response_type')) authorizeRequests.push(url);
    if (tokenGrant(request)) tokenRequests.push(new URLSearchParams(request.postData() ?? ''));
  });
  context.on('response', async (response) => {
    if (response.url().endsWith('/oauth/token/') && response.request().method() === 'POST') {
      tokenBodies.push(await response.text());
    }
  });

  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  expect(page.url()).toBe(appUrl);

  const authorize = authorizeRequests[0];
  expect(authorize.searchParams.get('response_type')).toBe('code');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

  expect(tokenRequests).toHaveLength(1);
  const exchange = tokenRequests[0];
  expect(exchange.get('grant_type')).toBe('authorization_code');
  expect(exchange.get('client_id')).toBe('ion-pages-local-code');
  expect(exchange.get('redirect_uri')).toBe(appUrl);
  expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
  expect(exchange.has('client_secret')).toBe(false);

  // The refresh token is stored only encrypted, and nothing secret is logged.
  const issued = JSON.parse(tokenBodies[0]);
  expect(issued.refresh_token).toBeTruthy();
  const stored = JSON.stringify(await storedEntries(page));
  expect(stored).not.toContain(issued.refresh_token);
  expect(stored).not.toContain(issued.access_token);
  for (const message of consoleMessages) {
    expect(message).not.toContain(issued.refresh_token);
    expect(message).not.toContain(issued.access_token);
    expect(message).not.toContain(exchange.get('code')!);
  }
});

test('refresh token renews short session', async ({ page, context }) => {
  test.setTimeout(90_000);
  const appUrl = `${SITES.shortTokens.appUrl}${CODE}`;
  const refreshes: number[] = [];
  context.on('request', (request) => {
    if (tokenGrant(request) === 'refresh_token') refreshes.push(Date.now());
  });

  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  const signedInAt = Date.now();

  // Each 20-second token is renewed before it expires; keep going past the
  // first token's lifetime.
  await expect.poll(() => refreshes.filter((time) => time > signedInAt + 20_000).length, { timeout: 40_000 }).toBeGreaterThan(0);

  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  await expect(page.getByTestId('signed-out-reason')).toHaveCount(0);
  await expect(page.getByTestId('expiry-warning')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
});

test('ion today blocks the token request', async ({ page }) => {
  await page.goto(`${SITES.ionToday.appUrl}${CODE}`);

  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('signed-out-reason')).toContainText("blocks requests from this site's origin");
  expect(page.url()).toBe(`${SITES.ionToday.appUrl}${CODE}`);
  expect(Object.keys((await storedEntries(page)).local)).toEqual([]);
});
