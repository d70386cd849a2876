import { expect, test } from '@playwright/test';
import { goToConsent, recordConsole, signIn, storedEntries, STUDENT } from './helpers';

test('sign-in through consent shows profile', async ({ page }) => {
  const consoleMessages = recordConsole(page);
  const tokens: string[] = [];
  page.on('response', (response) => {
    const location = response.headers()['location'] ?? '';
    const match = /access_token=([^&]+)/.exec(location);
    if (match) tokens.push(match[1]);
  });

  await signIn(page);

  await expect(page.getByTestId('profile-username')).toHaveText(STUDENT.username);
  await expect(page.getByTestId('profile-grade')).toHaveText('12 (senior)');
  await expect(page.getByTestId('profile-email')).toHaveText(`${STUDENT.username}@tjhsst.edu`);

  // The answer left the address bar, and the token was never logged.
  expect(tokens).toHaveLength(1);
  expect(page.url()).toBe('http://127.0.0.1:18080/');
  for (const message of consoleMessages) {
    expect(message).not.toContain(tokens[0]);
  }
});

test('reload keeps user signed in', async ({ page }) => {
  await signIn(page);

  await page.reload();

  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toHaveCount(0);
});

test('sign out forgets session', async ({ page }) => {
  await signIn(page);

  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByTestId('signed-out-reason')).toContainText('You signed out');
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local).filter((key) => key.startsWith('ion-pages|'))).toEqual([]);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeVisible();
  await expect(page.getByTestId('profile')).toHaveCount(0);
});

test('deny at consent shows refusal', async ({ page }) => {
  await goToConsent(page);

  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByTestId('signed-out-reason')).toHaveText(/You cancelled the sign-in on Ion/);
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  // Ion sends the denial in the query; it is gone from the address bar.
  expect(page.url()).toBe('http://127.0.0.1:18080/');
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
});

test('try again after denial signs in', async ({ page }) => {
  await goToConsent(page);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Try again' }).click();
  // Still logged in at the stand-in, so its consent page comes straight back.
  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
});

test('tampered state is rejected', async ({ page }) => {
  await goToConsent(page);
  // Change the state the consent form will send back, as a forged answer would.
  await page.locator('#authorizationForm input[name="state"]').evaluate((input: HTMLInputElement) => {
    input.value = 'forged-state-value';
  });

  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('signed-out-reason')).toContainText('wrong state');
  await expect(page.getByTestId('profile')).toHaveCount(0);
  expect(page.url()).toBe('http://127.0.0.1:18080/');
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
  expect(Object.keys(stored.session)).toEqual([]);
});

test('answer without pending attempt is rejected', async ({ page }) => {
  await page.goto('/#access_token=abcdefghijklmnopqrstuvwxyz1234&expires_in=36000&token_type=Bearer&scope=read&state=x');

  await expect(page.getByTestId('signed-out-reason')).toContainText('was not waiting for');
  expect(page.url()).toBe('http://127.0.0.1:18080/');
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
});

test('token rejected by ion signs out', async ({ page }) => {
  await signIn(page);
  // Replace the stored token with one Ion never issued, as after a revocation.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('|session'))!;
    const session = JSON.parse(localStorage.getItem(key)!);
    session.access_token = 'revokedrevokedrevokedrevoked00';
    localStorage.setItem(key, JSON.stringify(session));
  });

  await page.reload();

  await expect(page.getByTestId('signed-out-reason')).toContainText('Ion no longer accepts this sign-in');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
});
