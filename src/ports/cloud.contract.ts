import { describe, expect, it } from 'vitest';
import type { Cloud } from './cloud.js';

/**
 * Every Cloud adapter: inventory reads are filterable, an unknown action fails closed (ok: false,
 * nothing changed), and a supported action on one resource reports its before/after state and is
 * idempotent when repeated.
 */
export function describeCloudContract(
  name: string,
  make: () => Promise<{ cloud: Cloud; action: { call: string; target: string; params: Record<string, unknown>; field: string; expected: unknown } }>,
): void {
  describe(`Cloud contract: ${name}`, () => {
    it('lists and filters resources by type and tag, and describes one by ARN', async () => {
      const { cloud, action } = await make();
      const all = await cloud.listResources();
      expect(all.length).toBeGreaterThan(0);
      const target = await cloud.describe(action.target);
      expect(target?.arn).toBe(action.target);
      const sameType = await cloud.listResources({ type: target!.type });
      expect(sameType.every((r) => r.type === target!.type)).toBe(true);
      expect(await cloud.describe('arn:aws:s3:::no-such-bucket-anywhere')).toBeUndefined();
    });

    it('fails closed on an unknown call and changes nothing', async () => {
      const { cloud, action } = await make();
      const before = await cloud.describe(action.target);
      const r = await cloud.execute({ call: 'ec2:TerminateEverything', target: action.target, params: {} });
      expect(r.ok).toBe(false);
      expect(r.error).toBeTruthy();
      expect(await cloud.describe(action.target)).toEqual(before);
    });

    it('applies a supported call, reports before/after, and is idempotent', async () => {
      const { cloud, action } = await make();
      const first = await cloud.execute(action);
      expect(first.ok).toBe(true);
      expect((await cloud.describe(action.target))!.state[action.field]).toEqual(action.expected);
      const again = await cloud.execute(action);
      expect(again.ok).toBe(true);
      expect((await cloud.describe(action.target))!.state[action.field]).toEqual(action.expected);
    });
  });
}
