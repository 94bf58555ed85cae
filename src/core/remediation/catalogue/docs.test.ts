import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './index.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const page = readFileSync(`${ROOT}docs/remediation.md`, 'utf8');
const rows = page.split('\n').filter((l) => l.startsWith('| [`AIOps-'));

describe('Docs: docs/remediation.md', () => {
  it('has one catalogue table row per entry, in registry order', () => {
    expect(rows.map((l) => /`(AIOps-[A-Za-z0-9]+)`/.exec(l)?.[1])).toEqual(CATALOGUE.map((r) => r.id));
  });

  it.each(CATALOGUE.map((r) => [r.id, r] as const))('states %s as the registry does', (id, r) => {
    const row = rows.find((l) => l.startsWith(`| [\`${id}\`]`)) ?? '';
    const cells = row.split(/(?<!\\)\|/).map((c) => c.trim());
    expect(cells[4]).toBe(r.pattern);
    expect(cells[5]).toBe(r.reversible === true ? 'yes' : r.reversible === false ? 'no' : 'n/a');
    expect(cells[6]).toBe(r.approval);
    expect(cells[12]).toBe(`\`${r.sandboxScenario}\``);
  });

  it('has a runbook page per entry that names its approval rule and rollback plan', () => {
    for (const r of CATALOGUE) {
      const md = readFileSync(`${ROOT}docs/runbooks/${r.id}.md`, 'utf8');
      expect(md.startsWith(`# ${r.id}:`)).toBe(true);
      expect(md).toContain(`\`${r.approval}\``);
      expect(md).toContain(r.rollbackPlan);
    }
  });
});
