import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, consoleSession } from './server-process.js';
import { ORDERS_THROTTLES_SPEC as SPEC } from '../../src/app/slo/testing/specs.js';


const session = consoleSession('slo-console', { speed: 300 });

describe('Console: SLOs page in a real browser', () => {
  it('lists the SLOs with budget and sparklines, drills into one, and checks and creates a spec', async () => {
    const { server } = session;
    const page = await session.page();
    await page.goto(`${server.url}/slos`);
    await page.getByTestId('slo-row-orders-success').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('slo-table').locator('tbody tr').count()).toBe(5);
    await expect.poll(() => page.getByTestId('slo-budget-orders-success').textContent()).toMatch(/\d+\.\d %/);
    // Sparklines appear once the one-SLO-per-minute backfill has reached this SLO.
    await page.getByTestId('sparkline-orders-success-1h').locator('canvas').waitFor({ timeout: 90_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'slos.png') });

    await page.getByTestId('slo-spec').fill(SPEC);
    await page.getByTestId('slo-check').click();
    await expect.poll(() => page.getByTestId('slo-spec-result').textContent()).toBe('Valid: orders-throttles');
    await page.getByTestId('slo-spec').fill(SPEC.replace('target: 0.99', 'target: 2'));
    await page.getByTestId('slo-check').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('console.yaml#1 SLO orders-throttles.spec.objectives.0.target');

    // Creating needs a signed-in operator.
    await page.getByTestId('token-input').fill(server.token);
    // Signing in reloads the console.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('token-save').click()]);
    await page.getByTestId('slo-row-orders-success').waitFor();
    await page.getByTestId('slo-spec').fill(SPEC);
    await page.getByTestId('slo-create').click();
    await expect.poll(() => page.getByTestId('slo-spec-result').textContent()).toBe('Saved: orders-throttles');
    await page.getByTestId('slo-row-orders-throttles').waitFor();

    await page.getByRole('link', { name: 'Orders processed successfully' }).click();
    await page.getByTestId('slo-summary').waitFor();
    expect(await page.getByTestId('slo-summary').textContent()).toContain('Objective 99.50 % over 30d rolling (Occurrences)');
    await page.getByTestId('chart-Error budget left over the window (%)').locator('canvas').waitFor();
    await page.getByTestId('chart-Burn rate per long window').locator('canvas').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'slo-detail.png'), fullPage: true });
  });
});
