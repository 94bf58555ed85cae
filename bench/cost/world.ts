import type { ResourceRecord } from '../../src/ports/cloud.js';
import type { DailyMetrics } from '../../src/core/cost/inputs.js';
import { dailyMetrics, dynamoTable, ebsSnapshot, ebsVolume, ec2Instance, elasticIp, lambdaFunction, loadBalancer, natGateway, rdsInstance } from '../../src/core/cost/fixtures.js';
import type { PriceSource } from '../../src/core/cost/prices/table.js';
import { seededRandom } from '../../src/core/shared/hash.js';

/**
 * A generated account: busy resources plus planted waste whose monthly cost is computed here,
 * independently of the rules, from the planted facts (the "truth" the estimates are scored against).
 */
export interface PlantedWaste {
  arn: string;
  ruleId: string;
  truthMonthlyUsd: number;
}

export interface World {
  resources: { resource: ResourceRecord; metrics: DailyMetrics }[];
  planted: PlantedWaste[];
}

const DAYS = 14;
const MB = 1024 * 1024;

export function generateWorld(o: { seed: number; total: number; now: number; prices: PriceSource }): World {
  const rnd = seededRandom(o.seed);
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const price = (k: string) => o.prices.getPrice(k)!.usd;
  const H = o.prices.hoursPerMonth;
  const old = new Date(o.now - 200 * 86_400_000).toISOString();
  const resources: World['resources'] = [];
  const planted: PlantedWaste[] = [];
  const env = () => ({ environment: pick(['dev', 'staging', 'prod']) });
  const scale = o.total / 10_000;
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const m = (v: Record<string, number | ((i: number) => number)>) => dailyMetrics(o.now, DAYS, v);
  let seq = 0;
  const id = (p: string) => `${p}-${(seq++).toString(16).padStart(8, '0')}`;

  const current = ['m5.large', 'm5.xlarge', 'm6i.large', 'm7g.large', 'c5.large', 'c6i.xlarge', 'r5.large', 't3.medium', 't3.large'];
  const prevGen = ['m4.large', 'm4.xlarge', 'c4.large', 'c4.xlarge', 'r4.large', 't2.medium', 't2.large'];

  // EC2: busy (incl. near-threshold decoys), planted idle, planted previous generation (busy).
  for (let i = 0; i < n(2650); i++) {
    const decoy = rnd() < 0.15;
    const lowDays = Math.floor(between(0, 4)); // at most 3 quiet days: below Trusted Advisor's 4
    resources.push({
      resource: ec2Instance({ id: id('i'), instanceType: pick(current), tags: env(), launchTime: old }),
      // Decoys: CPU just above 10 %, or low CPU with heavy network (a proxy): neither is idle.
      metrics: m({ CPUUtilization: (d) => (d < lowDays ? between(1, 9) : decoy ? between(10.5, 14) : between(20, 85)), NetworkIn: (d) => (d < lowDays ? 1e5 : decoy ? between(6, 50) * MB : between(1e8, 1e10)), NetworkOut: (d) => (d < lowDays ? 1e5 : between(1e8, 1e10)) }),
    });
  }
  for (let i = 0; i < n(200); i++) {
    const type = pick(current);
    const lowDays = Math.floor(between(4, 15));
    const r = ec2Instance({ id: id('i'), instanceType: type, tags: env(), launchTime: old });
    resources.push({ resource: r, metrics: m({ CPUUtilization: (d) => (d < lowDays ? between(0.2, 9.5) : between(20, 60)), NetworkIn: (d) => (d < lowDays ? between(0, 2) * MB : 5e9), NetworkOut: (d) => (d < lowDays ? between(0, 2) * MB : 5e9) }) });
    planted.push({ arn: r.arn, ruleId: 'ec2-low-utilization', truthMonthlyUsd: price(`ec2.instance/${type}`) * H });
  }
  for (let i = 0; i < n(150); i++) {
    const type = pick(prevGen);
    const [fam, size] = type.split('.');
    const succ = { m4: 'm5', c4: 'c5', r4: 'r5', t2: 't3' }[fam as 'm4'];
    const r = ec2Instance({ id: id('i'), instanceType: type, tags: env(), launchTime: old });
    resources.push({ resource: r, metrics: m({ CPUUtilization: () => between(30, 70), NetworkIn: 5e9, NetworkOut: 5e9 }) });
    planted.push({ arn: r.arn, ruleId: 'ec2-previous-generation', truthMonthlyUsd: (price(`ec2.instance/${type}`) - price(`ec2.instance/${succ}.${size}`)) * H });
  }

  // EBS: busy attached gp3/io1/st1, planted unattached, planted gp2 (busy, attached).
  const volCost = (t: string, size: number, iops: number) => size * price(`ebs.volume/${t}`) + (t === 'gp3' ? Math.max(0, iops - 3000) * price('ebs.iops/gp3') : t === 'io1' ? iops * price('ebs.iops/io1') : 0);
  const busyOps = () => m({ VolumeReadOps: () => between(1e5, 1e8), VolumeWriteOps: () => between(1e5, 1e8) });
  for (let i = 0; i < n(2450); i++) {
    const t = pick(['gp3', 'gp3', 'gp3', 'io1', 'st1']);
    resources.push({ resource: ebsVolume({ id: id('vol'), volumeType: t, size: Math.round(between(20, 2000)), ...(t === 'gp3' || t === 'io1' ? { iops: 3000 } : {}), attachedTo: ['i-x'], createTime: old }), metrics: busyOps() });
  }
  for (let i = 0; i < n(150); i++) {
    const t = pick(['gp3', 'io1', 'st1', 'sc1']);
    const size = Math.round(between(8, 1000));
    const iops = t === 'gp3' ? pick([3000, 6000]) : t === 'io1' ? 2000 : 0;
    const r = ebsVolume({ id: id('vol'), volumeType: t, size, ...(iops ? { iops } : {}), createTime: old });
    resources.push({ resource: r, metrics: {} });
    planted.push({ arn: r.arn, ruleId: 'ebs-underused', truthMonthlyUsd: volCost(t, size, iops) });
  }
  for (let i = 0; i < n(200); i++) {
    const size = Math.round(between(8, 1500));
    const r = ebsVolume({ id: id('vol'), volumeType: 'gp2', size, attachedTo: ['i-x'], createTime: old });
    resources.push({ resource: r, metrics: busyOps() });
    const iops = Math.max(3000, Math.min(16000, Math.max(100, 3 * size)));
    const tp = size <= 170 ? 128 : 250;
    const truth = size * price('ebs.volume/gp2') - (size * price('ebs.volume/gp3') + (iops - 3000) * price('ebs.iops/gp3') + (tp - 125) * price('ebs.throughput/gp3'));
    // Small gp2 volumes past 170 GB need paid gp3 throughput to match 250 MiB/s: no waste there, so nothing is planted.
    if (truth > 0) planted.push({ arn: r.arn, ruleId: 'ebs-gp2-to-gp3', truthMonthlyUsd: truth });
  }

  // Snapshots: recent ones, planted old ones. Truth = bytes actually stored (incremental), not the volume size.
  for (let i = 0; i < n(850); i++) resources.push({ resource: ebsSnapshot({ id: id('snap'), startTime: new Date(o.now - between(0, 29) * 86_400_000).toISOString(), volumeSize: 100 }), metrics: {} });
  for (let i = 0; i < n(150); i++) {
    const size = Math.round(between(8, 500));
    const r = ebsSnapshot({ id: id('snap'), startTime: new Date(o.now - between(31, 400) * 86_400_000).toISOString(), volumeSize: size });
    resources.push({ resource: r, metrics: {} });
    planted.push({ arn: r.arn, ruleId: 'ebs-snapshot-old', truthMonthlyUsd: size * between(0.3, 1) * price('ebs.snapshot/standard') });
  }

  // EIPs.
  for (let i = 0; i < n(340); i++) resources.push({ resource: elasticIp({ id: id('eipalloc'), associationId: id('eipassoc') }), metrics: {} });
  for (let i = 0; i < n(60); i++) {
    const r = elasticIp({ id: id('eipalloc') });
    resources.push({ resource: r, metrics: {} });
    planted.push({ arn: r.arn, ruleId: 'eip-unassociated', truthMonthlyUsd: price('vpc.public-ipv4/idle') * H });
  }

  // Load balancers: busy (incl. decoys quiet except exactly 100 requests on one day of the last 7), planted idle.
  for (let i = 0; i < n(270); i++) {
    const decoy = rnd() < 0.1;
    resources.push({ resource: loadBalancer({ id: id('lb'), createdTime: old }), metrics: m({ RequestCount: (d) => (decoy ? (d === DAYS - 3 ? 100 : 20) : between(1e4, 1e7)) }) });
  }
  for (let i = 0; i < n(30); i++) {
    const noTargets = rnd() < 0.3;
    const r = loadBalancer({ id: id('lb'), createdTime: old, healthyTargets: noTargets ? [0] : [2] });
    resources.push({ resource: r, metrics: m({ RequestCount: () => (noTargets ? between(0, 1e5) : Math.floor(between(0, 99))) }) });
    planted.push({ arn: r.arn, ruleId: 'elb-idle', truthMonthlyUsd: price('elb.hour/application') * H });
  }

  // RDS.
  const rdsClasses = ['db.t3.medium', 'db.m5.large', 'db.m5.xlarge', 'db.r5.large'];
  for (let i = 0; i < n(270); i++) resources.push({ resource: rdsInstance({ id: id('db'), dbInstanceClass: pick(rdsClasses), multiAZ: rnd() < 0.5 }), metrics: m({ DatabaseConnections: (d) => (d === 5 ? 1 : Math.round(between(1, 300))) }) });
  for (let i = 0; i < n(30); i++) {
    const cls = pick(rdsClasses);
    const multiAZ = rnd() < 0.5;
    const r = rdsInstance({ id: id('db'), dbInstanceClass: cls, multiAZ, tags: { environment: 'dev' } });
    resources.push({ resource: r, metrics: m({ DatabaseConnections: 0 }) });
    planted.push({ arn: r.arn, ruleId: 'rds-idle', truthMonthlyUsd: price(`rds.instance/${cls}/${multiAZ ? 'multi-az' : 'single-az'}`) * H });
  }

  // Lambda: right-sized (peak 60–95 % of memory), planted oversized with a known right size.
  const lambdaMonthly = (mb: number, inv: number, durMs: number) => (mb / 1024) * (durMs / 1000) * inv * (H / 24) * price('lambda.gb-second/x86_64');
  for (let i = 0; i < n(1350); i++) {
    const mem = pick([128, 256, 512, 1024, 2048]);
    resources.push({ resource: lambdaFunction({ id: id('fn'), memorySize: mem }), metrics: m({ Invocations: () => Math.round(between(100, 1e6)), Duration: () => between(20, 900), used_memory_max: () => mem * between(0.6, 0.95) }) });
  }
  for (let i = 0; i < n(150); i++) {
    const right = pick([128, 192, 256, 384, 512]);
    const mem = pick([1024, 2048, 3008]);
    const inv = Math.round(between(1e4, 2e6));
    const dur = between(50, 800);
    const r = lambdaFunction({ id: id('fn'), memorySize: mem });
    // Observed peaks sit just under what the right size allows with 30 % headroom.
    resources.push({ resource: r, metrics: m({ Invocations: inv, Duration: dur, used_memory_max: () => (right / 1.3) * between(0.85, 1) }) });
    planted.push({ arn: r.arn, ruleId: 'lambda-oversized-memory', truthMonthlyUsd: lambdaMonthly(mem, inv, dur) - lambdaMonthly(right, inv, dur) });
  }

  // DynamoDB: well-used (peak 40–90 %), planted over-provisioned with a known peak.
  for (let i = 0; i < n(450); i++) {
    const rcu = Math.round(between(10, 2000));
    const wcu = Math.round(between(5, 500));
    resources.push({ resource: dynamoTable({ id: id('tbl'), rcu, wcu }), metrics: m({ ConsumedReadCapacityUnits: () => rcu * between(0.4, 0.9), ConsumedWriteCapacityUnits: () => wcu * between(0.4, 0.9) }) });
  }
  for (let i = 0; i < n(50); i++) {
    const rcu = Math.round(between(500, 5000));
    const wcu = Math.round(between(100, 1000));
    const peakR = Math.round(rcu * between(0.02, 0.25));
    const peakW = Math.round(wcu * between(0.02, 0.25));
    const r = dynamoTable({ id: id('tbl'), rcu, wcu });
    resources.push({ resource: r, metrics: m({ ConsumedReadCapacityUnits: (d) => (d === 7 ? peakR : peakR * between(0.3, 1)), ConsumedWriteCapacityUnits: (d) => (d === 9 ? peakW : peakW * between(0.3, 1)) }) });
    const target = (peak: number) => Math.max(1, Math.ceil(peak / 0.7));
    planted.push({ arn: r.arn, ruleId: 'dynamodb-overprovisioned', truthMonthlyUsd: ((rcu - target(peakR)) * price('dynamodb.rcu-hour') + (wcu - target(peakW)) * price('dynamodb.wcu-hour')) * H });
  }

  // NAT gateways.
  for (let i = 0; i < n(180); i++) resources.push({ resource: natGateway({ id: id('nat'), createTime: old }), metrics: m({ BytesOutToDestination: () => between(1, 1e10), BytesInFromDestination: () => between(0, 1e10) }) });
  for (let i = 0; i < n(20); i++) {
    const r = natGateway({ id: id('nat'), createTime: old });
    resources.push({ resource: r, metrics: m({ BytesOutToDestination: 0, BytesInFromDestination: 0 }) });
    planted.push({ arn: r.arn, ruleId: 'nat-gateway-idle', truthMonthlyUsd: price('natgateway.hour') * H });
  }
  return { resources, planted };
}
