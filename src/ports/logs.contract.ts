import { describe, expect, it } from 'vitest';
import type { Logs } from './logs.js';

/** Every Logs adapter: events of a resource's log group inside the window, ascending, filterable. */
export function describeLogsContract(name: string, make: () => Promise<{ logs: Logs; resourceArn: string; now: number }>): void {
  describe(`Logs contract: ${name}`, () => {
    it('returns ascending events inside the window, honours a filter pattern and a limit', async () => {
      const { logs, resourceArn, now } = await make();
      const [group] = await logs.logGroupsFor(resourceArn);
      expect(group).toBeDefined();
      const startMs = now - 10 * 60_000;
      const events = await logs.filterLogEvents({ logGroup: group!, startMs, endMs: now });
      expect(events.length).toBeGreaterThan(0);
      for (let i = 0; i < events.length; i++) {
        expect(events[i]!.timestamp).toBeGreaterThanOrEqual(startMs);
        expect(events[i]!.timestamp).toBeLessThan(now);
        if (i > 0) expect(events[i]!.timestamp).toBeGreaterThanOrEqual(events[i - 1]!.timestamp);
      }
      const term = events[0]!.message.split(/\s+/)[0]!;
      const filtered = await logs.filterLogEvents({ logGroup: group!, startMs, endMs: now, filterPattern: term });
      expect(filtered.every((e) => e.message.includes(term))).toBe(true);
      expect(await logs.filterLogEvents({ logGroup: group!, startMs, endMs: now, limit: 3 })).toHaveLength(3);
    });
  });
}
