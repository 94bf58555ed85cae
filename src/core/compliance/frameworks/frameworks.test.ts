import { describe, expect, it } from 'vitest';
import type { ComplianceCheck } from '../check.js';
import { CHECKS } from '../checks/index.js';
import { controlChecks, danglingMappings, FRAMEWORKS, frameworkScore } from './index.js';

describe('Data: FRAMEWORKS', () => {
  it('has no check mapped to an unknown control', () => {
    expect(danglingMappings(CHECKS)).toEqual([]);
  });

  it('reports a dangling mapping', () => {
    const bogus = { ...CHECKS[0]!, id: 'bogus', frameworks: { cis: ['9.99'], fsbp: ['S3.1'] } } as ComplianceCheck;
    expect(danglingMappings([bogus])).toEqual([{ checkId: 'bogus', framework: 'cis', control: '9.99' }]);
  });

  it('covers the CIS controls the product automates', () => {
    const covered = [...controlChecks('cis').keys()];
    for (const c of ['1.4', '1.5', '1.10', '1.12', '1.14', '1.16', '2.1.4', '2.2.1', '3.1', '3.2', '3.3', '3.7', '5.2', '5.3']) expect(covered).toContain(c);
    expect(Object.keys(FRAMEWORKS.cis.controls).length).toBeGreaterThan(50);
  });
});

describe('Function: frameworkScore', () => {
  it('passes a control only when all its evaluations pass', () => {
    const s = frameworkScore('cis', [
      { checkId: 'ec2-sg-open-ssh', status: 'PASS' },
      { checkId: 'ec2-sg-open-rdp', status: 'FAIL' },
      { checkId: 'iam-root-mfa', status: 'PASS' },
    ]);
    const byId = Object.fromEntries(s.controls.map((c) => [c.control, c]));
    expect(byId['5.2']!.status).toBe('FAILED');
    expect(byId['1.5']!.status).toBe('PASSED');
    expect(byId['1.4']!.status).toBe('NOT_EVALUATED');
    expect(s.controlsPassed).toBe(1);
    expect(s.controlsFailed).toBe(2); // 5.2 and 5.3 share the two checks
    expect(s.score).toBeCloseTo(33.3, 1);
  });

  it('scores 100 when nothing was evaluated and ignores N/A', () => {
    expect(frameworkScore('fsbp', [{ checkId: 'rds-multi-az', status: 'NOT_APPLICABLE' }]).score).toBe(100);
  });

  it('orders controls numerically', () => {
    const ids = frameworkScore('cis', []).controls.map((c) => c.control);
    expect(ids.indexOf('1.4')).toBeLessThan(ids.indexOf('1.10'));
  });
});
