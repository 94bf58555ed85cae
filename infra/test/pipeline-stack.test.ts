import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { addNagChecks } from '../lib/app.js';
import { PLACEHOLDER_ASL_PATH, loadOrchestratorDefinition } from '../lib/orchestrator-definition.js';
import { PipelineStack } from '../lib/stacks/pipeline-stack.js';
import { testApp, testConfig } from './helpers.js';

describe('Stack: PipelineStack', () => {
  it('builds a self-mutating pipeline dev → staging → prod with a manual approval before prod, nag-clean', () => {
    const app = testApp();
    const pipeline = { connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/abc', repository: 'matcarv/aiops', branch: 'main' };
    const stack = new PipelineStack(app, 'AIOps-Pipeline-dev', { config: testConfig('dev', { pipeline }), stages: [testConfig('dev'), testConfig('prod')], build: { definition: loadOrchestratorDefinition(PLACEHOLDER_ASL_PATH), ssmDocuments: [] } });
    addNagChecks(app);
    app.synth();
    const t = Template.fromStack(stack);
    const [p] = Object.values(t.findResources('AWS::CodePipeline::Pipeline'));
    const stages = (p?.Properties.Stages as { Name: string; Actions: { Name: string; ActionTypeId: { Category: string } }[] }[]).map((s) => s.Name);
    // No Assets stage here: stub bundling in tests produces no Lambda assets to publish.
    expect(stages.filter((s) => s !== 'Assets')).toEqual(['Source', 'Build', 'UpdatePipeline', 'AIOps-dev', 'AIOps-prod']);
    const prod = (p?.Properties.Stages as { Name: string; Actions: { ActionTypeId: { Category: string } }[] }[]).find((s) => s.Name === 'AIOps-prod');
    expect(prod?.Actions.some((a) => a.ActionTypeId.Category === 'Approval')).toBe(true);
  });

  it('refuses to build without a pipeline source in the config', () => {
    expect(() => new PipelineStack(testApp(), 'P', { config: testConfig('dev') })).toThrow(/pipeline: required/);
  });
});
