import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, type TempDir, tempDir, waitFor } from '@geo/testkit';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushToPrimary, topLayerDigest } from './images.js';
import { waitForState } from './site-state.js';
import { corruptBlob, dumpServices, type Stack, startStack } from './stack.js';

/** Debian's chromium, driven headless with nothing reaching the network. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Screenshots go to a scratch directory, so a test run leaves the tree clean;
// GEO_UPDATE_SCREENSHOTS=1 writes them to docs/ to refresh the committed ones.
const intoDocs = process.env.GEO_UPDATE_SCREENSHOTS === '1';

describe('the status dashboard in a browser, on a site with synced and failed repositories', () => {
  let stack: Stack;
  let work: TempDir;
  let profile: TempDir;
  let browser: BrowserContext;
  let page: Page;
  let screenshots: string;

  beforeAll(async () => {
    work = await tempDir('geo-dashboard-images-');
    profile = await tempDir('geo-chromium-profile-');
    screenshots = intoDocs ? join(repoRoot, 'docs') : work.path;
    stack = await startStack();

    // Pushed and corrupted before the services run: the sync that the
    // notification (replayed by the registry) or the backfill starts must fail.
    const broken = await pushToPrimary(stack, join(work.path, 'broken'), 'team/broken', 'v1');
    await corruptBlob(stack.primary, await topLayerDigest(broken));

    await stack.startServices();
    await pushToPrimary(stack, join(work.path, 'app'), 'team/app', 'v1');
    await pushToPrimary(stack, join(work.path, 'web'), 'team/web', 'v1');
    await Promise.all([
      waitForState(stack, 'team/app', 'synced'),
      waitForState(stack, 'team/web', 'synced'),
      waitForState(stack, 'team/broken', 'failed'),
    ]);

    browser = await chromium.launchPersistentContext(profile.path, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 900 },
    });
    page = await browser.newPage();
  });

  // The failed repository is retried with back-off; while a retry runs it is
  // `started` for a moment, so the overview is loaded until it shows it failed.
  const openOverview = () =>
    waitFor(
      async () => {
        await page.goto(stack.dashboardUrl);
        return (await page.locator('#count-failed').textContent()) === 'failed 1';
      },
      { what: 'the dashboard to show the failed repository', timeoutMs: 30_000 },
    );

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(dumpServices(stack));
    await browser?.close();
    await stack?.stop();
    await work?.remove();
    await profile?.remove();
  });

  it('shows the totals per state as a bar and the failing repository with its reason', async () => {
    await openOverview();

    expect(await page.locator('#site').textContent()).toBe(stack.site);
    expect(await page.locator('#count-synced').textContent()).toBe('synced 2');
    expect(await page.locator('#count-failed').textContent()).toBe('failed 1');
    const failedSegment = page.locator('#state-bar [data-state="failed"]');
    expect(await failedSegment.getAttribute('data-count')).toBe('1');
    expect((await failedSegment.boundingBox())?.width).toBeGreaterThan(100);

    const failing = page.locator('#failing tr[data-repository="team/broken"]');
    expect(await failing.count()).toBe(1);
    expect(await failing.textContent()).toMatch(/v1: .*sha256:/);
    expect(await failing.locator('time').count()).toBe(1);

    const file = join(screenshots, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(10_000);
  });

  it('finds repositories by name and state through the search form', async () => {
    await page.goto(stack.dashboardUrl);

    await page.fill('input[name="q"]', 'web');
    await page.selectOption('select[name="state"]', 'synced');
    await Promise.all([page.waitForURL(/q=web/), page.click('button[type="submit"]')]);

    const names = await page
      .locator('#results tr[data-repository]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-repository')));
    expect(names).toEqual(['team/web']);
  });

  it("opens a failed repository's detail with its failing tag and its attempts", async () => {
    await openOverview();

    await Promise.all([
      page.waitForURL(/\/repositories\/team\/broken$/),
      page.click('#failing a[href="/repositories/team/broken"]'),
    ]);

    expect(await page.locator('#repository').textContent()).toBe('team/broken');
    expect(['failed', 'started']).toContain(await page.locator('#state').textContent());
    expect(await page.locator('#failed-tags tbody tr').first().textContent()).toContain('v1');
    expect(await page.locator('#history tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#history thead').textContent()).toContain('Blobs mounted');
    await page.screenshot({ path: join(screenshots, 'dashboard-repository.png'), fullPage: true });
  });

  it('refreshes itself and loads nothing from outside the site', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(stack.dashboardUrl);

    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('10');
    expect(requests.every((url) => url.startsWith(stack.dashboardUrl))).toBe(true);
  });

  it('tells geoctl fresh a synced tag is safe to pull (0) and a failed one is not (3)', async () => {
    const fresh = await stack.geoctl(['fresh', 'team/app:v1', '--json']);
    const missing = await stack.geoctl(['fresh', 'team/broken:v1', '--json']);

    expect(fresh.status, fresh.stderr).toBe(0);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ freshness: 'fresh', fresh: true });
    expect(missing.status).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ freshness: 'missing-on-secondary' });
  });
});
