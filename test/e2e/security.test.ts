import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium, type RunningServer, startServer } from './server-process.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ speed: 60 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Console: Security page in a real browser', () => {
  it('scans, shows findings by severity and scores, opens a finding with evidence and suppresses it with a reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.getByTestId('token-input').fill(server.token);
    await page.getByTestId('token-save').click();
    // Signing in reloads the page; navigate only once that is done.
    await page.getByText('signed in').waitFor();
    await page.goto(`${server.url}/security`);
    await page.getByTestId('scan-now').click();
    await expect.poll(async () => (await page.getByTestId('findings-table').textContent()) ?? '', { timeout: 30_000 }).toContain('ec2-sg-open-ssh');
    expect(await page.getByTestId('framework-scores').textContent()).toContain('CIS AWS Foundations Benchmark');
    expect(await page.getByTestId('findings-by-severity').textContent()).toContain('HIGH');
    await page.screenshot({ path: join(ARTIFACTS, 'security.png'), fullPage: true });

    await page.getByTestId('findings-table').getByText('s3-bucket-versioning').click();
    await page.getByTestId('finding-evidence').waitFor();
    expect(await page.getByTestId('finding-evidence').textContent()).toContain('Suspended');
    await page.getByTestId('suppress-reason').fill('log bucket: objects are write-once');
    await page.getByTestId('suppress').click();
    await expect.poll(async () => (await page.textContent('body')) ?? '', { timeout: 10_000 }).toContain('log bucket: objects are write-once');
    await page.screenshot({ path: join(ARTIFACTS, 'finding.png'), fullPage: true });
  });
});
