import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../../ports/cloud.js';

/** An in-memory Cloud over a mutable inventory, counting reads so tests can assert partial rescans. */
export class FakeCloud implements Cloud {
  readonly resources = new Map<string, ResourceRecord>();
  readonly changes: ChangeEvent[] = [];
  listCalls = 0;
  describeCalls = 0;

  constructor(resources: ResourceRecord[] = []) {
    for (const r of resources) this.resources.set(r.arn, structuredClone(r));
  }

  /** Replaces top-level state keys of a resource, as an API call would. */
  mutate(arn: string, patch: Record<string, unknown>): void {
    const r = this.resources.get(arn);
    if (!r) throw new Error(`no resource ${arn}`);
    this.resources.set(arn, { ...r, state: { ...r.state, ...structuredClone(patch) } });
  }

  remove(arn: string): void {
    this.resources.delete(arn);
  }

  async listResources(filter: ResourceFilter = {}): Promise<ResourceRecord[]> {
    this.listCalls++;
    return [...this.resources.values()]
      .filter((r) => (filter.type === undefined || r.type === filter.type) && (filter.arns === undefined || filter.arns.includes(r.arn)) && Object.entries(filter.tag ?? {}).every(([k, v]) => r.tags[k] === v))
      .map((r) => structuredClone(r));
  }

  async describe(arn: string): Promise<ResourceRecord | undefined> {
    this.describeCalls++;
    const r = this.resources.get(arn);
    return r ? structuredClone(r) : undefined;
  }

  async execute(action: ActionCall): Promise<ActionResult> {
    return { ok: false, call: action.call, target: action.target, error: 'FakeCloud does not execute actions' };
  }

  async recentChanges(resourceArn: string, sinceIso: string): Promise<ChangeEvent[]> {
    return this.changes.filter((c) => c.resourceArn === resourceArn && c.time >= sinceIso);
  }
}
