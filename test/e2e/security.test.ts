import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, consoleSession } from './server-process.js';

const session = consoleSession('security', { speed: 60 });

describe('Console: Security page in a real browser', () => {
  it('scans, shows findings by severity and scores, opens a finding with evidence and suppresses it with a reason', async () => {
    const page = await session.signedInPage();
    await page.goto(`${session.server.url}/security`);
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
