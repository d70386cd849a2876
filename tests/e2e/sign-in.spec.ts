import { expect, test } from '@playwright/test';
import { goToConsent, logInAtStandin, recordConsole, recordIssuedTokens, revokeAtStandin, signIn, storedEntries, STUDENT } from './helpers';
import { SITES } from './sites';

test('sign-in through consent shows profile', async ({ page, context }) => {
  const consoleMessages = recordConsole(page);
  const tokens = recordIssuedTokens(context);

  await signIn(page);

  await expect(page.getByTestId('profile-username')).toHaveText(STUDENT.username);
  await expect(page.getByTestId('profile-grade')).toHaveText('12 (senior)');
  await expect(page.getByTestId('profile-email')).toHaveText(`${STUDENT.username}@tjhsst.edu`);
  expect(tokens).toHaveLength(1);
  expect(page.url()).toBe(SITES.main.appUrl);
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

test('sign out by keyboard keeps focus', async ({ page }) => {
  await signIn(page);

  await page.getByRole('button', { name: 'Sign out' }).focus();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('signed-out-reason')).toContainText('You signed out');
  await expect(page.locator('.ip-content')).toBeFocused();
  // The next Tab reaches the sign-in button, not the top of the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeFocused();
});

test('sign out forgets session', async ({ page }) => {
  await signIn(page);

  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByTestId('signed-out-reason')).toContainText('You signed out');
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
  expect(Object.keys(stored.session)).toEqual([]);

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
  expect(page.url()).toBe(SITES.main.appUrl);
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

  await expect(page.getByTestId('signed-out-reason')).toContainText('wrong or already used state');
  await expect(page.getByTestId('profile')).toHaveCount(0);
  expect(page.url()).toBe(SITES.main.appUrl);
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
});

test('answer without pending attempt is rejected', async ({ page }) => {
  await page.goto('/#access_token=abcdefghijklmnopqrstuvwxyz1234&expires_in=36000&token_type=Bearer&scope=read&state=x');

  await expect(page.getByTestId('signed-out-reason')).toContainText('does not match any sign-in started in this tab');
  expect(page.url()).toBe(SITES.main.appUrl);
  const stored = await storedEntries(page);
  expect(Object.keys(stored.local)).toEqual([]);
});

test('revoked token triggers one re-authorization', async ({ page, context }) => {
  const tokens = recordIssuedTokens(context);
  await signIn(page);
  await revokeAtStandin(tokens[0]);

  await page.reload();

  // Ion answers 403 and the app signs in again by itself with
  // approval_prompt=auto. The stand-in shows its consent page unless another
  // test running beside this one holds a valid token of the same student.
  const consent = page.getByRole('button', { name: 'Authorize' });
  const profile = page.getByTestId('profile-name');
  await expect(consent.or(profile)).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await expect(profile).toHaveText(STUDENT.name);
  expect(tokens).toHaveLength(2);

  // A second rejection right after stops instead of redirecting again.
  await revokeAtStandin(tokens[1]);
  await page.reload();
  await expect(page.getByTestId('signed-out-reason')).toContainText('stopped retrying');
  expect(page.url()).toBe(SITES.main.appUrl);
});

test('sign-in returns to starting view', async ({ page }) => {
  await page.goto(`${SITES.main.appUrl}#/eighth`);
  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  await expect(page.getByTestId('block').first()).toBeVisible();
  expect(page.url()).toBe(`${SITES.main.appUrl}#/eighth`);
});
