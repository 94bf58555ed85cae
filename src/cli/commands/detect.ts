import type { Command } from 'commander';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

export interface ExplainedPointView {
  t: number;
  time: string;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  score: number;
  anomaly?: boolean;
}

export interface ExplainView {
  metricKey: string;
  detector: string;
  resourceArn: string;
  threshold?: number;
  points: ExplainedPointView[];
  open: { id: string; time: string; direction: string } | null;
}

const num = (x: number): string => (Math.abs(x) >= 1e5 || (Math.abs(x) < 0.01 && x !== 0) ? x.toPrecision(4) : String(Math.round(x * 1000) / 1000));

/** The last `last` points as table rows: value, band, score, and where the value sits against the band. */
export function explainRows(ex: ExplainView, last: number): Record<string, string>[] {
  return ex.points.slice(-last).map((p) => ({
    time: p.time.replace('T', ' ').slice(0, 16),
    value: num(p.value),
    expected: num(p.expected),
    lower: num(p.lower),
    upper: num(p.upper),
    score: p.score.toFixed(3),
    band: p.value > p.upper ? 'above' : p.value < p.lower ? 'below' : 'inside',
    anomaly: p.anomaly ? '◆ opened' : '',
  }));
}

export function explainText(ex: ExplainView, last: number): string {
  const head = `${ex.metricKey}  (detector ${ex.detector}, ${ex.resourceArn})`;
  const open = ex.open ? `open anomaly ${ex.open.id} since ${ex.open.time} (${ex.open.direction} the band)` : 'no open anomaly';
  return `${head}\n${open}\n\n${table(explainRows(ex, last), ['time', 'value', 'expected', 'lower', 'upper', 'score', 'band', 'anomaly'])}`;
}

export function registerDetect(program: Command, client: () => ApiClient, json: () => boolean): void {
  const det = program.command('detect').description('anomaly detection: run the job now, explain a metric');
  det
    .command('run')
    .description('run the anomaly detection job once (operator)')
    .action(async () => {
      const r = await client().call<Record<string, unknown>>('POST', '/detect/run', {});
      print(json(), r, () => `${r.metrics} metrics, ${r.backfilled} back-filled (${r.pending} pending), ${r.anomalies} new anomalies in ${r.ms} ms`);
    });
  det
    .command('explain <metricKey>')
    .description('the last points of a metric with its expected band and score, e.g. "AWS/EC2 CPUUtilization InstanceId=i-0abc"')
    .option('--last <n>', 'points to show', '24')
    .action(async (key: string, o: { last: string }) => {
      const last = Number(o.last);
      if (!Number.isInteger(last) || last < 1) throw new CliError('--last: a positive integer', EXIT.invalid);
      const r = await client().call<ExplainView>('GET', `/detect/explain?${new URLSearchParams({ metric: key })}`);
      print(json(), r, () => explainText(r, last));
    });
  det
    .command('anomalies')
    .description('recent anomalies')
    .option('--metric <key>', 'one metric key')
    .option('--resource <arn>', 'one resource ARN')
    .option('--status <status>', 'open | resolved')
    .action(async (o: { metric?: string; resource?: string; status?: string }) => {
      const q = new URLSearchParams(Object.entries(o).filter(([, v]) => v) as [string, string][]);
      const r = await client().call<{ items: Record<string, unknown>[] }>('GET', `/anomalies?${q}`);
      print(json(), r.items, () => table(r.items, ['time', 'status', 'metric', 'direction', 'value', 'score', 'resourceArn']));
    });
}
