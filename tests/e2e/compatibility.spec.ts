import { expect, test } from '@playwright/test';
import { logInAtStandin } from './helpers';
import { SITES } from './sites';

test('ion today refusal is explained', async ({ page }) => {
  await page.goto(SITES.ionToday.appUrl);

  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await logInAtStandin(page);

  await expect(page.getByTestId('signed-out-reason')).toContainText(
    'This Ion does not accept the implicit grant for this app',
  );
  await expect(page.getByTestId('origin-check')).toContainText("blocks requests from this site's origin");
  expect(page.url()).toBe(SITES.ionToday.appUrl);
});

test('missing client id names setting', async ({ page }) => {
  await page.goto(`${SITES.main.appUrl}no-client-id/`);

  await expect(page.getByTestId('config-error')).toContainText('The setting "ion-pages:client-id" is missing');
  await expect(page.getByTestId('redirect-uri-to-register')).toHaveText(`${SITES.main.appUrl}no-client-id/`);
});

test('configuration error keeps query', async ({ page }) => {
  // index.html's inline script hides the response at once; the page must
  // still get its own query parameters back when it stops at this error.
  await page.goto(`${SITES.main.appUrl}no-client-id/?lang=en&error=access_denied&state=abc#/eighth`);

  await expect(page.getByTestId('config-error')).toBeVisible();
  expect(page.url()).toBe(`${SITES.main.appUrl}no-client-id/?lang=en#/eighth`);
});

test('invalid ion url names value', async ({ page }) => {
  await page.goto(`${SITES.main.appUrl}bad-ion-url/`);

  await expect(page.getByTestId('config-error')).toContainText(
    'The setting "ion-pages:ion-url" has the invalid value "ion.tjhsst.edu"',
  );
});
