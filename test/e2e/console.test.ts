import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { apiGet, ARTIFACTS, consoleSession, waitFor } from './server-process.js';

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
    // Either the static alarm or the anomaly detector (whichever sees it first) opens the web
    // incident, and the fleet may already have an unrelated web anomaly open: the incident under
    // test is the one whose scale-out runs, so it is found through that execution.
    const { server } = session;
    const scaleOut = await waitFor('the scale-out execution of the spike', async () => {
      const { items } = await apiGet<{ items: { runbookId: string; incidentId?: string }[] }>(server, '/executions');
      return items.find((e) => e.runbookId === 'AIOps-ScaleOutEC2ASG' && e.incidentId);
    }, 90_000);
    const href = `/incidents/${scaleOut.incidentId}`;
    await page.getByTestId('incidents-table').locator(`a[href="${href}"]`).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('incidents-table').locator(`a[href="${href}"]`).textContent()).toMatch(/web: (staging-web-cpu-utilization-critical|Anomaly: CPUUtilization)/);
    const row = page.getByTestId('incidents-table').locator('tr').filter({ has: page.locator(`a[href="${href}"]`) });
    // Resolved: a SEV-1/SEV-2 incident moves on from Resolution to Post-Mortem as soon as its draft exists.
    await row.getByTestId('incident-phase').filter({ hasText: /^(Resolution|Post-Mortem)$/ }).waitFor({ timeout: 120_000 });
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
