import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find (lambda-oversized-memory). The recommendation's runbook,
 * AIOps-RightSizeLambdaMemory, runs only after a FinOps approval (see docs/cost.md); the cost
 * runbook integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-oversized-lambda',
  title: 'Lambda function with far more memory than it uses',
  description: 'thumbnail-generator is configured with 3008 MB but never uses more than 210 MB.',
  faults: [{ type: 'state', resource: 'thumbnail-generator', set: { MemorySize: 3008, MaxMemoryUsed: 210 }, eventName: 'UpdateFunctionConfiguration' }],
  expected: { rule: 'cost-oversized-lambda', detectedBy: 'cost' },
});
