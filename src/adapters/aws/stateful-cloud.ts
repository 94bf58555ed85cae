import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../ports/cloud.js';

const lowerFirst = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);
const upperFirst = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
const withCase = (o: Record<string, unknown> | undefined, f: (k: string) => string) => (o ? { ...Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v])), ...o } : o);

/**
 * The AWS Cloud as the remediation engine calls it. The catalogue writes call parameters as the
 * AWS APIs name them (`DesiredCapacity`) while the action table takes camelCase, and rollbacks
 * read the captured `before` in API case: both spellings are passed on. Resource state comes
 * from AwsCloud's state readers (resource-state.ts).
 */
export class StatefulCloud implements Cloud {
  constructor(private readonly inner: Cloud) {}

  listResources(filter?: ResourceFilter): Promise<ResourceRecord[]> {
    return this.inner.listResources(filter);
  }

  describe(arn: string): Promise<ResourceRecord | undefined> {
    return this.inner.describe(arn);
  }

  async execute(call: ActionCall): Promise<ActionResult> {
    const res = await this.inner.execute({ ...call, params: withCase(call.params, lowerFirst) ?? {} });
    const before = withCase(res.before, upperFirst);
    return { ...res, ...(before ? { before } : {}) };
  }

  recentChanges(resourceArn: string, sinceIso: string): Promise<ChangeEvent[]> {
    return this.inner.recentChanges(resourceArn, sinceIso);
  }
}
