import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, consoleSession } from './server-process.js';

const session = consoleSession('console', { speed: 300 });

describe('Console in a real browser', () => {
  it('injects the EC2 CPU spike, shows the incident appear and resolve, and its timeline', async () => {
    const page = await session.signedInPage();
    await page.getByTestId('inject-fault').waitFor();
    await expect.poll(() => page.getByTestId('inject-fault').isEnabled()).toBe(true);

    await page.getByTestId('inject-fault').click();
    await page.getByTestId('inject-ec2-cpu-spike').click();
    await expect.poll(() => page.getByTestId('inject-result').textContent()).toContain('Injected ec2-cpu-spike');

    // The incident appears on the overview without a reload (server-sent events), then resolves.
    // Either the static alarm or the anomaly detector (whichever sees it first) opens the web incident;
    // other incidents (e.g. the fleet's known compliance findings) may be listed beside it, so once
    // found the row is followed by the incident's own link.
    const webIncident = /web: (staging-web-cpu-utilization-critical|Anomaly: CPUUtilization)/;
    const firstRow = page.getByTestId('incidents-table').locator('tr').filter({ hasText: webIncident }).first();
    await firstRow.waitFor({ timeout: 90_000 });
    const href = await firstRow.getByTestId('incident-link').getAttribute('href');
    expect(href).toMatch(/^\/incidents\/inc-/);
    const row = page.getByTestId('incidents-table').locator('tr').filter({ has: page.locator(`a[href="${href}"]`) });
    await row.getByTestId('incident-phase').filter({ hasText: 'Resolution' }).waitFor({ timeout: 120_000 });
    const link = row.getByTestId('incident-link');
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png') });

    await link.click();
    const timeline = page.getByTestId('incident-timeline');
    await timeline.waitFor();
    await expect.poll(async () => (await timeline.textContent()) ?? '', { timeout: 60_000 }).toContain('AIOps-ScaleOutEC2ASG: SUCCESS');
    const text = (await timeline.textContent()) ?? '';
    for (const phase of ['Detection', 'Triage', 'Remediation', 'Resolution']) expect(text).toContain(phase);
    await page.screenshot({ path: join(ARTIFACTS, 'incident-timeline.png'), fullPage: true });
  });
});
