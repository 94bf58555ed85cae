import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintSsmDocument, lintSsmYaml } from './lint.js';

const DIR = fileURLToPath(new URL('../../../../scripts/ssm/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const SAMPLE = readFileSync(`${DIR}AIOps-ScaleOutEC2ASG.yaml`, 'utf8');

type Doc = { mainSteps: Record<string, unknown>[]; [k: string]: unknown };
function mutate(fn: (d: Doc) => void): Doc {
  const d = parse(SAMPLE) as Doc;
  fn(d);
  return d;
}
const step = (d: Doc, name: string) => d.mainSteps.find((s) => s.name === name) as Record<string, unknown> & { inputs: Record<string, unknown> };

describe('Function: lintSsmYaml over scripts/ssm', () => {
  it('finds the documents', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(7);
  });
  it.each(FILES)('%s follows the schema and every authoring rule', (f) => {
    expect(lintSsmYaml(readFileSync(`${DIR}${f}`, 'utf8'))).toEqual([]);
  });
});

describe('Function: lintSsmDocument', () => {
  it.each<[string, (d: Doc) => void, string]>([
    ['a wrong schema version', (d) => { d.schemaVersion = '0.2'; }, 'schema'],
    ['an unknown top-level key', (d) => { d.extra = 1; }, 'schema'],
    ['an untyped parameter', (d) => { (d.parameters as Record<string, unknown>).X = { description: 'x' }; }, 'schema'],
    ['an unknown action', (d) => { step(d, 'ScaleOut').action = 'aws:doMagic'; }, 'known-action'],
    ['a missing required input', (d) => { delete step(d, 'ScaleOut').inputs.Api; }, 'required-inputs'],
    ['a duplicate step name', (d) => { step(d, 'WaitForCapacity').name = 'ScaleOut'; }, 'unique-step-names'],
    ['a branch to a missing step', (d) => { step(d, 'EligibilityCheck').inputs.Default = 'Nowhere'; }, 'step-targets'],
    ['a nextStep to a missing step', (d) => { step(d, 'ScaleOut').nextStep = 'Nowhere'; }, 'step-targets'],
    ['an undeclared reference', (d) => { step(d, 'ScaleOut').inputs.DesiredCapacity = '{{ Missing }}'; }, 'references'],
    ['a reference to a later step', (d) => { step(d, 'CollectDiagnostics').inputs.X = '{{ ScaleOut.Nothing }}'; }, 'references'],
    ['a first step other than CollectDiagnostics', (d) => { d.mainSteps.reverse(); }, 'collect-diagnostics-first'],
    ['no diagnostics to S3', (d) => { step(d, 'StoreDiagnostics').inputs.Api = 'GetObject'; }, 'diagnostics-to-s3'],
    ['no EligibilityCheck', (d) => { step(d, 'EligibilityCheck').name = 'Check'; }, 'eligibility-check'],
    ['an EligibilityCheck default that does not end', (d) => { delete step(d, 'NotEligible').isEnd; }, 'eligibility-check'],
    ['a destructive step without onCancel Abort', (d) => { delete step(d, 'ScaleOut').onCancel; }, 'destructive-abort'],
    ['a destructive step that continues on failure', (d) => { step(d, 'ScaleOut').onFailure = 'Continue'; }, 'destructive-abort'],
    ['a last step other than ValidateRemediation', (d) => { d.mainSteps.push({ ...step(d, 'NotEligible'), name: 'Tail' }); }, 'validate-last'],
    ['no RemediationExecuted metric', (d) => { step(d, 'EmitRemediationExecuted').inputs.Namespace = 'Other'; }, 'remediation-metric'],
    ['a step without maxAttempts 3', (d) => { step(d, 'ScaleOut').maxAttempts = 1; }, 'retries-timeouts'],
    ['a step without timeoutSeconds 300', (d) => { delete step(d, 'ValidateRemediation').timeoutSeconds; }, 'retries-timeouts'],
    ['no assume role', (d) => { delete d.assumeRole; }, 'assume-role'],
    ['a choice compared with a reference', (d) => { (step(d, 'EligibilityCheck').inputs.Choices as Record<string, unknown>[])[0] = { Variable: '{{ CollectDiagnostics.MaxSize }}', NumericGreater: '{{ DesiredCapacity }}', NextStep: 'ScaleOut' }; }, 'branch'],
    ['a choice without an operator', (d) => { (step(d, 'EligibilityCheck').inputs.Choices as Record<string, unknown>[])[0] = { Variable: 'x', NextStep: 'ScaleOut' }; }, 'branch'],
    ['a state-changing script before the eligibility check', (d) => { step(d, 'EvaluatePreconditions').name = 'Compute'; }, 'eligibility-check'],
  ])('reports %s', (_name, fn, rule) => {
    expect(lintSsmDocument(mutate(fn)).map((i) => i.rule)).toContain(rule);
  });

  it('reports YAML syntax errors as one issue', () => {
    expect(lintSsmYaml('a: [')).toEqual([expect.objectContaining({ rule: 'yaml' })]);
  });
});
