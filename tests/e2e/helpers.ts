import { expect, request, type APIRequestContext, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { SITES, type Site } from './sites';

export const STUDENT = { username: '2027jdoe', password: 'ion-pages-demo', name: 'Jane Doe' };

/** Collects every console message of the page, for checks that no secret was logged. */
export function recordConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => messages.push(message.text()));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  return messages;
}

/** Records every access token Ion sends back in a redirect, in order. */
export function recordIssuedTokens(context: BrowserContext): string[] {
  const tokens: string[] = [];
  context.on('response', (response) => {
    const match = /[#&]access_token=([^&]+)/.exec(response.headers()['location'] ?? '');
    if (match) tokens.push(match[1]);
  });
  return tokens;
}

/** Opens the app, starts the sign-in and logs in to the stand-in; stops on its consent page. */
export async function goToConsent(page: Page, site: Site = SITES.main): Promise<void> {
  await page.goto(site.appUrl);
  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);
  await expect(page.getByRole('heading', { name: /Authorize .* Application/ })).toBeVisible();
}

/** Fills the stand-in's login form. */
export async function logInAtStandin(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Username').fill(STUDENT.username);
  await page.getByLabel('Password').fill(STUDENT.password);
  await page.getByRole('button', { name: 'Login' }).click();
}

/** Signs in through the consent page and waits for the profile. */
export async function signIn(page: Page, site: Site = SITES.main): Promise<void> {
  await goToConsent(page, site);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
}

/** Every key and value the app left in local and session storage. */
export async function storedEntries(page: Page): Promise<{ local: Record<string, string>; session: Record<string, string> }> {
  return page.evaluate(() => {
    const dump = (storage: Storage) => {
      const entries: Record<string, string> = {};
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        entries[key] = storage.getItem(key) ?? '';
      }
      return entries;
    };
    return { local: dump(localStorage), session: dump(sessionStorage) };
  });
}

/**
 * A request context without the browser's cookies. The stand-in, like Ion,
 * accepts its login session cookie before the token, so requests that test a
 * token must not carry it.
 */
export async function cookielessRequest(): Promise<APIRequestContext> {
  return request.newContext();
}

/** Asks the stand-in to revoke a token, as a user would at Ion's authorized-tokens page. */
export async function revokeAtStandin(token: string, site: Site = SITES.main): Promise<void> {
  const api = await cookielessRequest();
  const response = await api.post(`${site.standinUrl}/oauth/revoke_token/`, {
    form: { token, client_id: 'ion-pages-local' },
  });
  expect(response.status()).toBe(200);
  const check = await api.get(`${site.standinUrl}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
  expect(check.status()).toBe(403);
  await api.dispose();
}
