import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/shared/errors.js';
import { CONFIG_DIR, loadConfig } from '../lib/config.js';
import { retentionFor } from '../lib/constructs/aiops-function.js';
import { PLACEHOLDER_ASL_PATH, loadOrchestratorDefinition, loadSsmDocuments } from '../lib/orchestrator-definition.js';

describe('Function: loadConfig', () => {
  it.each(['dev', 'staging', 'prod'])('loads infra/config/%s.json and its .example', (env) => {
    expect(loadConfig(env).env).toBe(env);
    const dir = mkdtempSync(join(tmpdir(), 'aiops-cfg-'));
    writeFileSync(join(dir, `${env}.json.example`), JSON.stringify({ env, account: '123456789012' }));
    expect(loadConfig(env, dir)).toMatchObject({ env, account: '123456789012', region: 'us-east-1' });
  });

  it('names the bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-cfg-'));
    writeFileSync(join(dir, 'dev.json'), JSON.stringify({ env: 'dev', account: '12' }));
    expect(() => loadConfig('dev', dir)).toThrow(ValidationError);
    expect(() => loadConfig('dev', dir)).toThrow(/config\(dev\)\.account/);
  });

  it('refuses an unknown environment', () => {
    expect(() => loadConfig('qa', CONFIG_DIR)).toThrow(/no config for env "qa"/);
  });

  it('keeps prod non-destructive with long log retention', () => {
    const prod = loadConfig('prod');
    expect(prod.destroyDataOnDelete).toBe(false);
    expect(prod.remediation.nonProdMaintenance).toBe(false);
  });
});

describe('Function: loadOrchestratorDefinition', () => {
  it('reads YAML into ASL JSON and lists its placeholders', () => {
    const def = loadOrchestratorDefinition(PLACEHOLDER_ASL_PATH);
    expect(JSON.parse(def.json).StartAt).toBe('CollectDiagnostics');
    expect(def.placeholders.sort()).toEqual(['CollectDiagnosticsFunctionArn', 'EligibilityCheckFunctionArn', 'ExecuteFunctionArn', 'RecordFunctionArn', 'RequestApprovalFunctionArn', 'RollbackFunctionArn', 'ValidateRemediationFunctionArn']);
  });

  it('rejects a file that is not a state machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-asl-'));
    writeFileSync(join(dir, 'x.yaml'), 'Comment: nothing\n');
    expect(() => loadOrchestratorDefinition(join(dir, 'x.yaml'))).toThrow(/no States/);
  });
});

describe('Function: loadSsmDocuments', () => {
  it('loads every .yaml in name order and tolerates a missing folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-ssm-'));
    writeFileSync(join(dir, 'AIOps-B.yaml'), 'schemaVersion: "0.3"\nmainSteps: []\n');
    writeFileSync(join(dir, 'AIOps-A.yml'), 'schemaVersion: "0.3"\nmainSteps: []\n');
    writeFileSync(join(dir, 'README.md'), '# not a document\n');
    expect(loadSsmDocuments(dir).map((d) => d.name)).toEqual(['AIOps-A', 'AIOps-B']);
    expect(loadSsmDocuments(join(dir, 'missing'))).toEqual([]);
  });
});

describe('Function: retentionFor', () => {
  it.each([
    [30, 30],
    [31, 60],
    [365, 365],
  ])('rounds %d days up to a CloudWatch retention of %d', (days, expected) => {
    expect(retentionFor(days)).toBe(expected);
  });
});
