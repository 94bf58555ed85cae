import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { loadSloDefinitions } from './resolve.js';

const SLO_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'slos');
const defaultSources = () => readdirSync(SLO_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ name: f, text: readFileSync(join(SLO_DIR, f), 'utf8') }));

const minimal = (over: { slo?: string; extra?: string } = {}) => `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-availability
spec:
  service: api
  indicator:
    metadata: { name: api-ok }
    spec:
      ratioMetric:
        bad:
          metricSource: { type: CloudWatch, spec: { namespace: AWS/Lambda, metricName: Errors, stat: Sum, dimensions: [{ name: FunctionName, value: api }] } }
        total:
          metricSource: { type: CloudWatch, spec: { namespace: AWS/Lambda, metricName: Invocations, stat: Sum, dimensions: [{ name: FunctionName, value: api }] } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
${over.slo ?? ''}
${over.extra ?? ''}`;

describe('Function: loadSloDefinitions', () => {
  it('resolves every default spec in slos/ for the sandbox services', () => {
    const slos = loadSloDefinitions(defaultSources());
    expect(slos.map((s) => `${s.service}/${s.id}`).sort()).toEqual([
      'checkout/checkout-availability',
      'checkout/checkout-latency-p99',
      'orders/orders-latency',
      'orders/orders-success',
      'web/web-availability',
    ]);
    const checkout = slos.find((s) => s.id === 'checkout-availability');
    expect(checkout).toMatchObject({ target: 0.999, budgeting: 'Occurrences', window: { kind: 'rolling', durationMs: 30 * 86_400_000 }, owner: 'team-checkout', alertPreset: 'custom' });
    expect(checkout?.sli.kind).toBe('ratio');
    if (checkout?.sli.kind === 'ratio') {
      // The literal SLI: 2XX + 3XX + 4XX over all requests.
      expect(checkout.sli.good?.terms.map((t) => [t.sign, t.metric.metricName])).toEqual([
        [1, 'HTTPCode_Target_2XX_Count'],
        [1, 'HTTPCode_Target_3XX_Count'],
        [1, 'HTTPCode_Target_4XX_Count'],
      ]);
      expect(checkout.sli.total.terms[0]?.metric).toEqual({ namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' } });
    }
    expect(checkout?.alertRules.map((r) => [r.name, r.severity, r.factor])).toEqual([
      ['1h-5m', 'page', 14.4],
      ['6h-30m', 'page', 6],
      ['1d-2h', 'ticket', 3],
      ['3d-6h', 'ticket', 1],
    ]);
  });

  it('reads Lambda Invocations − Errors as a signed sum', () => {
    const orders = loadSloDefinitions(defaultSources()).find((s) => s.id === 'orders-success');
    expect(orders?.target).toBe(0.995);
    expect(orders?.alertPreset).toBe('workbook');
    if (orders?.sli.kind !== 'ratio') throw new Error('expected ratio');
    expect(orders.sli.good?.terms.map((t) => [t.sign, t.metric.metricName, t.metric.dimensions.FunctionName])).toEqual([
      [1, 'Invocations', 'orders-processor'],
      [-1, 'Errors', 'orders-processor'],
    ]);
  });

  it.each([
    ['checkout-latency-p99', { kind: 'threshold', op: 'lte', threshold: 0.3 }, 'Timeslices', { kind: 'rolling', durationMs: 28 * 86_400_000 }],
    ['web-availability', { kind: 'threshold', op: 'gte', threshold: 1 }, 'Timeslices', { kind: 'calendar-month' }],
    ['orders-latency', { kind: 'latency', thresholdMs: 1000 }, 'Occurrences', { kind: 'rolling', durationMs: 7 * 86_400_000 }],
  ])('resolves %s (threshold, health-check and latency SLIs, windows)', (id, sli, budgeting, window) => {
    const slo = loadSloDefinitions(defaultSources()).find((s) => s.id === id);
    expect(slo?.sli).toMatchObject(sli);
    expect(slo?.budgeting).toBe(budgeting);
    expect(slo?.window).toEqual(window);
  });

  it('selects the Pyrra preset by annotation and scales the Workbook windows to a 7-day SLO', () => {
    const slos = loadSloDefinitions(defaultSources());
    expect(slos.find((s) => s.id === 'checkout-latency-p99')?.alertRules.map((r) => `${r.factor}:${r.name}`)).toEqual(['14:1h-5m', '7:6h-30m', '2:1d-2h', '1:4d-6h']);
    expect(slos.find((s) => s.id === 'web-availability')?.alertRules.map((r) => r.factor)).toEqual([14.4, 6, 3, 1]);
    const weekly = slos.find((s) => s.id === 'orders-latency');
    expect(weekly?.alertRules.map((r) => r.name)).toEqual(['14m-1m', '84m-7m', '336m-28m', '1008m-84m']);
  });

  it('applies budget-policy annotations and the defaults', () => {
    const slos = loadSloDefinitions(defaultSources());
    expect(slos.find((s) => s.id === 'orders-latency')?.policy).toEqual({ raiseSeverity: false, freezeRemediations: false, notifyOwner: true });
    expect(slos.find((s) => s.id === 'orders-success')?.policy).toEqual({ raiseSeverity: true, freezeRemediations: true, notifyOwner: true });
  });

  it.each([
    ['a target of 1', minimal().replace('target: 0.999', 'target: 1'), 'api.yaml#1 SLO api-availability.spec.objectives.0.target'],
    ['a misspelt field', minimal().replace('budgetingMethod', 'budgetMethod'), 'api.yaml#1 SLO api-availability.spec.budgetingMethod'],
    ['an unknown budgeting method', minimal().replace('Occurrences', 'Events'), 'api.yaml#1 SLO api-availability.spec.budgetingMethod'],
    ['an unknown kind', 'apiVersion: openslo/v1\nkind: Dashboard\nmetadata: { name: x }\nspec: {}', 'api.yaml#1.kind'],
    ['a wrong apiVersion', 'apiVersion: openslo/v2\nkind: SLO\nmetadata: { name: x }\nspec: {}', 'api.yaml#1.apiVersion'],
    ['a rolling window of one month', minimal().replace('{ duration: 30d, isRolling: true }', '{ duration: 1M, isRolling: true }'), 'api.yaml#1 SLO api-availability.spec.timeWindow.0'],
    ['a missing stat', minimal().replace('metricName: Errors, stat: Sum,', 'metricName: Errors,'), 'api.yaml#1 SLO api-availability.spec.indicator.spec.ratioMetric.bad.metricSource.spec'],
    ['an unknown SLI reference', minimal().replace(/indicator:\n(.|\n)*?timeWindow/, 'indicatorRef: nope\n  timeWindow'), 'api.yaml SLO api-availability.spec.indicatorRef'],
    ['an unknown alert policy', minimal({ slo: '  alertPolicies: [fast]' }), 'api.yaml SLO api-availability.spec.alertPolicies.0'],
    ['an unknown preset', minimal().replace('name: api-availability', 'name: api-availability\n  annotations: { aiops.matcarv.io/burn-rate-preset: fancy }'), 'api.yaml SLO api-availability.metadata.annotations.aiops.matcarv.io/burn-rate-preset'],
    ['broken YAML', 'kind: [unclosed', 'api.yaml#1'],
    ['a duplicate SLO', `${minimal()}\n---\n${minimal()}`, 'api.yaml#2 SLO api-availability.metadata.name'],
    ['Timeslices without a slice window', minimal().replace('Occurrences', 'Timeslices'), 'api.yaml SLO api-availability.spec.objectives.0.timeSliceWindow'],
  ])('rejects %s with a ValidationError naming the document and field', (_case, text, field) => {
    const sources = [{ name: 'api.yaml', text: `---\n${text}` }];
    let error: unknown;
    try {
      loadSloDefinitions(sources);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });

  it('rejects a metric expression that is not a sum of query ids', () => {
    const text = minimal().replace(
      'total:\n          metricSource: { type: CloudWatch, spec: { namespace: AWS/Lambda, metricName: Invocations, stat: Sum, dimensions: [{ name: FunctionName, value: api }] } }',
      'total:\n          metricSource: { type: CloudWatch, spec: { metrics: [{ id: a, returnData: false, metricStat: { metric: { namespace: N, metricName: M }, stat: Sum } }, { id: e, expression: "a * 2" }] } }',
    );
    expect(() => loadSloDefinitions([{ name: 'api.yaml', text }])).toThrow(/only sums and differences/);
  });

  it('uses an AlertPolicy with referenced AlertConditions', () => {
    const extra = `---
apiVersion: openslo/v1
kind: AlertCondition
metadata: { name: fast }
spec: { severity: page, condition: { kind: burnrate, threshold: 10, lookbackWindow: 2h, alertAfter: 10m } }
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: only-fast }
spec: { conditions: [{ conditionRef: fast }] }`;
    const [slo] = loadSloDefinitions([{ name: 'api.yaml', text: minimal({ slo: '  alertPolicies: [only-fast]', extra }) }]);
    expect(slo?.alertRules).toEqual([{ name: 'fast', severity: 'page', factor: 10, longWindowMs: 7_200_000, shortWindowMs: 600_000 }]);
  });
});

describe('Property: loadSloDefinitions', () => {
  it('either resolves or throws a ValidationError, whatever the input', () => {
    const fragments = fc.constantFrom('apiVersion: openslo/v1\n', 'kind: SLO\n', 'kind: SLI\n', 'metadata: { name: a }\n', 'spec: {}\n', 'spec:\n  service: x\n', '---\n', '- 1\n', ': :\n', 'target: 2\n', '  objectives: [{ target: 0.9 }]\n', '"\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(fragments, fc.string()), { maxLength: 12 }), (parts) => {
        try {
          loadSloDefinitions([{ name: 'fuzz.yaml', text: parts.join('') }]);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
        }
      }),
    );
  });

  it('keeps any objective in (0, 1) exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 0.99999, noNaN: true }), (target) => {
        const [slo] = loadSloDefinitions([{ name: 'api.yaml', text: minimal().replace('target: 0.999', `target: ${target}`) }]);
        expect(slo?.target).toBe(target);
      }),
    );
  });
});
