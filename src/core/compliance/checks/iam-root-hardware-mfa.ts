import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'iam-root-hardware-mfa',
  title: 'The root user uses a hardware MFA device',
  description: 'A virtual MFA lives on a phone that can be lost or cloned; root deserves hardware.',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'HIGH',
  frameworks: { cis: ['1.6'], fsbp: ['IAM.6'] },
  test: (s) => {
    if (s.accountSummary.AccountMFAEnabled !== 1) return fail('the root user has no MFA at all', { AccountMFAEnabled: s.accountSummary.AccountMFAEnabled });
    return s.rootMfaDevice?.type === 'hardware' ? pass() : fail('the root MFA device is virtual', { rootMfaDevice: s.rootMfaDevice ?? null });
  },
});
