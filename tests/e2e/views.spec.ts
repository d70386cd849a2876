import { expect, request, test, type Page } from '@playwright/test';
import * as path from 'node:path';
import { goToConsent, signIn, STUDENT } from './helpers';
import { SITES } from './sites';

const main = SITES.main;
const root = path.resolve(__dirname, '..', '..');

// Faults and the emergency message are global to the stand-in, so these
// tests run one after another.
test.describe.configure({ mode: 'serial' });

async function control(method: 'POST' | 'DELETE', what: string, data?: object, site = main): Promise<void> {
  const api = await request.newContext();
  const response = await api.fetch(`${site.standinUrl}/_standin/${what}`, { method, data });
  expect(response.ok()).toBe(true);
  await api.dispose();
}

async function open(page: Page, fragment: string): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), fragment);
}

test('profile shows photo and counselor', async ({ page }) => {
  const profileRequests: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname.startsWith('/api/profile')) profileRequests.push(new URL(req.url()).pathname);
  });
  await signIn(page);

  await expect(page.getByTestId('profile-counselor')).toHaveText('Casey Miller');
  await expect(page.getByTestId('profile-photo')).toHaveAttribute('src', /^blob:/);
  expect(await page.getByTestId('profile-photo').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByRole('link', { name: 'Open in Ion' })).toHaveAttribute('href', `${main.standinUrl}/profile`);
  // Each resource once per visit.
  expect(profileRequests.filter((pathname) => pathname === '/api/profile')).toHaveLength(1);
  expect(profileRequests.filter((pathname) => pathname.endsWith('/picture'))).toHaveLength(1);
});

test('default picture is shown', async ({ page }) => {
  await signIn(page);
  await open(page, '#/people/2028asmith');

  await expect(page.getByTestId('profile-username')).toHaveText('2028asmith');
  await expect(page.getByTestId('profile-photo')).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => page.getByTestId('profile-photo').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
});

test('today works signed out', async ({ page }) => {
  await page.goto(`${main.appUrl}#/today`);

  const schoolDate = new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
  await expect(page.getByTestId('today-date')).toHaveText(schoolDate);
  await expect(page.getByTestId('schedule').or(page.getByTestId('no-school'))).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeVisible();
});

test('eighth period links to ion', async ({ page }) => {
  await signIn(page);
  await open(page, '#/eighth');

  const blocks = page.getByTestId('block');
  await expect(blocks.first()).toBeVisible();
  await expect(blocks.first().getByRole('link', { name: /^(Sign up|Change) on Ion$/ })).toHaveAttribute(
    'href',
    new RegExp(`^${main.standinUrl}/eighth/signup/\\d+$`),
  );
  await expect(page.getByTestId('cancelled')).toHaveCount(1);
});

test('hostile announcements render inert', async ({ page, context }) => {
  const foreignRequests: string[] = [];
  context.on('request', (req) => {
    const origin = new URL(req.url()).origin;
    if (![main.appUrl.slice(0, -1), main.standinUrl].includes(origin) && !req.url().startsWith('blob:')) {
      foreignRequests.push(req.url());
    }
  });
  await signIn(page);
  await open(page, '#/announcements?page=1');

  const items = page.getByTestId('announcement');
  await expect(items.first()).toBeVisible();
  await expect(items.first().getByTestId('pinned')).toBeVisible();
  await expect(page.getByText('[hostile] style element')).toBeVisible();
  // Let any handler that slipped through have its chance to run.
  await page.getByText('Click here for the bus changes.').click();

  const report = await page.evaluate(() => {
    const html = [...document.querySelectorAll('.ip-html')];
    const within = (selector: string) => html.flatMap((element) => [...element.querySelectorAll(selector)]);
    return {
      marker: Object.keys(window).filter((key) => key.toLowerCase().includes('hostile')),
      dangerous: within('script, iframe, form, input, button, style, object, embed').length,
      handlers: within('*').filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on') || attribute.name === 'style')).length,
      javascriptLinks: within('a').filter((link) => /^\s*javascript:/i.test(link.getAttribute('href') ?? '')).length,
      unsafeLinks: within('a[href]').filter((link) => link.getAttribute('target') !== '_blank' || link.getAttribute('rel') !== 'noopener noreferrer').length,
      images: within('img').map((image) => (image as HTMLImageElement).src),
      bodyVisible: getComputedStyle(document.body).display !== 'none',
    };
  });
  expect(report.marker).toEqual([]);
  expect(report.dangerous).toBe(0);
  expect(report.handlers).toBe(0);
  expect(report.javascriptLinks).toBe(0);
  expect(report.unsafeLinks).toBe(0);
  for (const image of report.images) expect(new URL(image).origin).toBe(main.standinUrl);
  expect(report.bodyVisible).toBe(true);
  await expect(page.getByText('[image from another site not shown]')).toBeVisible();
  expect(foreignRequests).toEqual([]);
});

test('announcements page through', async ({ page }) => {
  await signIn(page);
  await open(page, '#/announcements?page=1');

  await page.getByRole('link', { name: 'Next page' }).click();

  await expect(page.getByText('Page 2')).toBeVisible();
  await expect(page.getByTestId('announcement').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Previous page' })).toBeVisible();
});

test('failing endpoint shows error and retry', async ({ page }) => {
  await signIn(page);
  await control('POST', 'faults', { path: '/api/announcements', kind: '500', times: 1 });

  await open(page, '#/announcements?page=1');

  await expect(page.getByTestId('view-error')).toContainText('Ion responded with HTTP 500: Unknown error occurred.');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('announcement').first()).toBeVisible();
  await control('DELETE', 'faults');
});

// After sign-in, start-up sends the profile request before it builds the
// page, and the view shows that response. When it fails, Retry sends a new
// request. The failure is a dropped connection for this page only, because
// a stand-in fault would also hit the other spec files' sign-ins.
test('profile requested at start-up fails then retries', async ({ page }) => {
  let profileRequests = 0;
  await page.route(`${main.standinUrl}/api/profile`, async (route) => {
    profileRequests += 1;
    if (profileRequests === 1) await route.abort('connectionreset');
    else await route.continue();
  });
  await goToConsent(page);
  await page.getByRole('button', { name: 'Authorize' }).click();

  // Ion still responds, so the app reports a dropped connection, not a CORS refusal.
  await expect(page.getByTestId('view-error')).toContainText('failed before a response arrived, but Ion is reachable now');
  expect(profileRequests).toBe(1);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
  expect(profileRequests).toBe(2);
});

test('leaving a view cancels its requests', async ({ page }) => {
  await signIn(page);
  await control('POST', 'faults', { path: '/api/announcements', kind: 'delay:5000' });
  const failures: string[] = [];
  const finished: string[] = [];
  page.on('requestfailed', (req) => {
    if (req.url().includes('/api/announcements')) failures.push(req.failure()?.errorText ?? '');
  });
  page.on('requestfinished', (req) => {
    if (req.url().includes('/api/announcements')) finished.push(req.method());
  });
  const sent = page.waitForRequest((req) => req.url().includes('/api/announcements') && req.method() === 'GET');

  await open(page, '#/announcements?page=1');
  await sent;
  await open(page, '#/today');

  await expect.poll(() => failures, { timeout: 10_000 }).toEqual([expect.stringContaining('ERR_ABORTED')]);
  expect(finished.filter((method) => method === 'GET')).toEqual([]);
  await control('DELETE', 'faults');
});

// On the short-token stand-in, so that the banner does not appear in the
// other spec files' pages, which run at the same time against the main one.
test('emergency banner is sanitized', async ({ page }) => {
  const site = SITES.shortTokens;
  await control('POST', 'emergency', {
    message: '<h3>Early dismissal</h3><p onmouseover="window.pwned=1">Buses leave at 1:00.</p><script>window.pwned=2</script>',
  }, site);
  try {
    await page.goto(`${site.appUrl}#/today`);
    const banner = page.getByTestId('emergency');
    await expect(banner).toContainText('Buses leave at 1:00.');
    await banner.hover();
    expect(await banner.locator('script, [onmouseover]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  } finally {
    await control('DELETE', 'emergency', undefined, site);
  }
});

// The banner's request waits for the view's own data, so that Ion serves
// the request the user is waiting for first. A slow view delays it by two
// seconds at most.
test('emergency status waits for the view but not for ever', async ({ page }) => {
  const site = SITES.shortTokens;
  const events: string[] = [];
  const name = (url: string) => (new URL(url).pathname.startsWith('/api/emerg') ? 'emerg' : 'schedule');
  const watched = (url: string) => /^\/api\/(emerg|schedule)/.test(new URL(url).pathname);
  page.on('request', (req) => watched(req.url()) && events.push(`sent ${name(req.url())}`));
  page.on('requestfinished', (req) => watched(req.url()) && events.push(`finished ${name(req.url())}`));
  await control('POST', 'emergency', { message: '<p>Shelter in place.</p>' }, site);
  await control('POST', 'faults', { path: '/api/schedule*', kind: 'delay:8000', times: 1 }, site);
  try {
    await page.goto(`${site.appUrl}#/today`);
    await expect(page.getByTestId('emergency')).toContainText('Shelter in place.');
    // The schedule is still on its way, yet the banner came.
    await expect(page.getByTestId('schedule').or(page.getByTestId('no-school'))).toHaveCount(0);
    expect(events.slice(0, 2)).toEqual(['sent schedule', 'sent emerg']);

    events.length = 0;
    await page.reload();
    await expect(page.getByTestId('emergency')).toContainText('Shelter in place.');
    expect(events.indexOf('finished schedule')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('finished schedule')).toBeLessThan(events.indexOf('sent emerg'));
  } finally {
    await control('DELETE', 'faults', undefined, site);
    await control('DELETE', 'emergency', undefined, site);
  }
});

test('unknown address is named', async ({ page }) => {
  await page.goto(`${main.appUrl}#/nonexistent`);
  await expect(page.getByTestId('not-found')).toContainText('"#/nonexistent"');
  await expect(page.getByRole('button', { name: 'Sign in with Ion' })).toBeVisible();

  await signIn(page);
  await open(page, '#/no/such/view');
  await expect(page.getByTestId('not-found')).toContainText('"#/no/such/view"');
  await expect(page.getByRole('navigation', { name: 'Views' }).locator('[aria-current="page"]')).toHaveCount(0);
  await page.getByRole('link', { name: 'Open your profile' }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(STUDENT.name);
});

test('search opens a profile', async ({ page }) => {
  await signIn(page);
  await open(page, '#/search');

  await page.getByLabel('Name or username').fill('Zoë');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('search-result').first().getByRole('link').click();

  await expect(page.getByTestId('profile-name')).toHaveText('Zoë Ñúñez-Łukasiewicz');
});

test('search without match is empty', async ({ page }) => {
  await signIn(page);
  await open(page, '#/search?q=nobodyatall');

  await expect(page.getByTestId('view-empty')).toHaveText('Nobody matches this search.');
});

test('explorer follows next and hides token', async ({ page, context }) => {
  const tokens: string[] = [];
  context.on('response', (response) => {
    const match = /access_token=([^&]+)/.exec(response.headers()['location'] ?? '');
    if (match) tokens.push(match[1]);
  });
  await signIn(page);
  await open(page, '#/explorer?path=api%2Fannouncements');

  await expect(page.getByTestId('explorer-status')).toHaveText('HTTP 200 OK');
  await expect(page.getByTestId('curl')).toContainText("Authorization: Bearer YOUR_ACCESS_TOKEN");
  await expect(page.getByTestId('curl')).not.toContainText(tokens[0]);
  await page.getByTestId('explorer-next').click();
  await expect(page.getByTestId('curl')).toContainText('/api/announcements?page=2');
  await expect(page.getByTestId('explorer-status')).toHaveText('HTTP 200 OK');

  await open(page, '#/explorer?path=oauth%2Ftoken%2F');
  await expect(page.getByTestId('explorer-input-error')).toContainText('outside /api');
});

test('keyboard reaches views', async ({ page }) => {
  await signIn(page);

  const link = page.getByRole('link', { name: 'Announcements' });
  for (let presses = 0; presses < 20 && !(await link.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  expect(await link.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('announcement').first()).toBeVisible();
});

test('views pass axe and fit 360 px', async ({ browser }) => {
  test.setTimeout(90_000);
  // The axe script is injected inline, which the page's policy forbids.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page);
  const views: [string, string, string][] = [
    ['profile', '#/profile', 'profile-name'],
    ['today', '#/today', 'today-date'],
    ['eighth', '#/eighth', 'block'],
    ['announcements', '#/announcements?page=1', 'announcement'],
    ['search', '#/search?q=doe', 'search-result'],
    ['explorer', '#/explorer?path=api%2Fprofile', 'explorer-status'],
  ];
  for (const [name, fragment, ready] of views) {
    await open(page, fragment);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    await page.addScriptTag({ path: path.join(root, 'node_modules', 'axe-core', 'axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Element) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const result = await axe.run(document.querySelector('.ion-pages')!);
      return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
    });
    expect(violations, `${name}: serious or critical axe violations`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 360 px`).toBeLessThanOrEqual(360);
  }
  await context.close();
});

// The README's screenshots are replaced only on request (UPDATE_SCREENSHOTS=1),
// because each run's images differ in bytes and would leave the tree modified.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1'
  ? path.join(root, 'docs', 'screenshots')
  : path.join(root, 'target', 'e2e', 'screenshots');

test('screenshots of main views', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  const shots: [string, string, string][] = [
    ['profile', '#/profile', 'profile-photo'],
    ['today', '#/today', 'today-date'],
    ['eighth', '#/eighth', 'block'],
    ['announcements', '#/announcements?page=1', 'announcement'],
    ['search', '#/search?q=doe', 'search-result'],
    ['explorer', '#/explorer?path=api%2Fprofile', 'explorer-status'],
  ];
  for (const [name, fragment, ready] of shots) {
    await open(page, fragment);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  }
  expect(shots).toHaveLength(6);
  await context.close();
});
