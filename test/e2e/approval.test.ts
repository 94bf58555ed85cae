import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { apiGet, apiPost, ARTIFACTS, consoleSession, waitFor } from './server-process.js';

interface ExecutionView {
  id: string;
  status: string;
  outcome?: string;
  operator: string;
  statesVisited: string[];
  audit: { action: string; outcome: string; operator: string }[];
}

const session = consoleSession('approval', { speed: 300 });

describe('Approvals in a real browser', () => {
  it('injects the open-SSH scenario, approves the revocation on /approvals, and sees the execution succeed', async () => {
    const { server } = session;
    await apiPost(server, '/sandbox/scenarios/sg-open-ssh/inject');

    const page = await session.signedInPage();
    await page.goto(`${server.url}/approvals`);

    // The Config finding opens an incident; AIOps-RevokeOpenSSH always asks a human first.
    const approve = page.locator('[data-testid^="approve-"]').first();
    await approve.waitFor({ timeout: 90_000 });
    const approvalId = (await approve.getAttribute('data-testid'))!.slice('approve-'.length);
    const row = page.getByTestId('approvals-table').locator('tr', { has: approve });
    expect(await row.textContent()).toContain('AIOps-RevokeOpenSSH');
    expect(await row.textContent()).toContain('ec2:RevokeSecurityGroupIngress');
    await expect.poll(() => approve.isEnabled()).toBe(true);
    await approve.click();
    await expect.poll(() => page.getByTestId('approval-result').textContent()).toContain(`approved ${approvalId}`);

    // The parked execution resumes, revokes the rule, validates and records SUCCESS.
    const executionId = approvalId.replace(/^apr-/, '');
    const done = await waitFor('the approved execution to finish', async () => {
      const e = await apiGet<ExecutionView>(server, `/executions/${executionId}`);
      return e.status === 'SUCCEEDED' || e.status === 'FAILED' ? e : undefined;
    }, 90_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', outcome: 'SUCCESS' });
    expect(done.statesVisited).toEqual(['CollectDiagnostics', 'EligibilityCheck', 'IsEligible', 'RequestApproval', 'IsApproved', 'Execute', 'WaitForEffect', 'ValidateRemediation', 'MarkSuccess', 'Record']);
    expect(done.audit.some((a) => a.action.startsWith('ec2:RevokeSecurityGroupIngress') && a.outcome === 'SUCCESS')).toBe(true);
    expect(done.operator).not.toBe('automated');

    // The approval shows as approved, and the execution page shows the path it took.
    await expect.poll(async () => (await page.getByTestId('approvals-table').textContent()) ?? '', { timeout: 30_000 }).toContain('approved');
    await page.goto(`${server.url}/executions/${executionId}`);
    await expect.poll(async () => (await page.getByTestId('states-visited').textContent()) ?? '', { timeout: 30_000 }).toContain('RequestApproval → IsApproved → Execute');
    await page.screenshot({ path: join(ARTIFACTS, 'approval.png'), fullPage: true });
  });
});
