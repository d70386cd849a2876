import { expect, type ConsoleMessage, type Page } from '@playwright/test';

export const STUDENT = { username: '2027jdoe', password: 'ion-pages-demo', name: 'Jane Doe' };

/** Collects every console message of the page, for checks that no secret was logged. */
export function recordConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => messages.push(message.text()));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  return messages;
}

/** Opens the app, starts the sign-in and logs in to the stand-in; stops on its consent page. */
export async function goToConsent(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Ion' }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Username').fill(STUDENT.username);
  await page.getByLabel('Password').fill(STUDENT.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await expect(page.getByRole('heading', { name: /Authorize .* Application/ })).toBeVisible();
}

/** Signs in through the consent page and waits for the profile. */
export async function signIn(page: Page): Promise<void> {
  await goToConsent(page);
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
