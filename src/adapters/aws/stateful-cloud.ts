import { AutoScalingClient, DescribeAutoScalingGroupsCommand, type AutoScalingClientConfig } from '@aws-sdk/client-auto-scaling';
import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../ports/cloud.js';
import { arnResourceId } from './arn.js';

type StateReader = (resource: ResourceRecord) => Promise<Record<string, unknown> | undefined>;

export type StatefulCloudOptions = { autoscaling?: AutoScalingClient; clientConfig?: AutoScalingClientConfig };

const lowerFirst = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);
const upperFirst = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
const withCase = (o: Record<string, unknown> | undefined, f: (k: string) => string) => (o ? { ...Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v])), ...o } : o);

/**
 * The AWS Cloud as the remediation engine needs it. The tagging API inventory has no resource
 * state, but runbooks decide on it (an ASG's DesiredCapacity/MaxSize): `describe` reads it from
 * the service API for the types that have a reader. The catalogue writes call parameters as the
 * AWS APIs name them (`DesiredCapacity`) while the action table takes camelCase, and rollbacks
 * read the captured `before` in API case: both spellings are passed on.
 */
export class StatefulCloud implements Cloud {
  private readonly readers: Record<string, StateReader>;

  constructor(
    private readonly inner: Cloud,
    options: StatefulCloudOptions = {},
  ) {
    let autoscaling = options.autoscaling;
    const asg = () => (autoscaling ??= new AutoScalingClient(options.clientConfig ?? {}));
    this.readers = {
      'AWS::AutoScaling::AutoScalingGroup': async (r) => {
        const name = arnResourceId(r.arn, 'autoScalingGroupName');
        const g = (await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }))).AutoScalingGroups?.[0];
        return g ? { AutoScalingGroupName: g.AutoScalingGroupName, DesiredCapacity: g.DesiredCapacity, MinSize: g.MinSize, MaxSize: g.MaxSize, Instances: g.Instances?.length ?? 0 } : undefined;
      },
    };
  }

  private async withState(r: ResourceRecord): Promise<ResourceRecord> {
    const read = this.readers[r.type];
    const state = read ? await read(r) : undefined;
    return state ? { ...r, state: { ...r.state, ...state } } : r;
  }

  /** With state for the types that have a reader: scheduled entries judge eligibility on the listing. */
  async listResources(filter?: ResourceFilter): Promise<ResourceRecord[]> {
    const listed = await this.inner.listResources(filter);
    return Promise.all(listed.map((r) => this.withState(r)));
  }

  async describe(arn: string): Promise<ResourceRecord | undefined> {
    const r = await this.inner.describe(arn);
    return r ? this.withState(r) : undefined;
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
