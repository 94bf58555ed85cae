import { defineCheck, fail, pass } from '../check.js';
import { publicStatements } from './helpers.js';

export default defineCheck({
  id: 'lambda-not-public',
  title: 'Lambda function policies do not allow public invocation',
  description: 'No resource-policy statement lets "*" invoke the function without a source condition.',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'CRITICAL',
  frameworks: { fsbp: ['Lambda.1'] },
  test: (s) => {
    const open = publicStatements(s.policy);
    return open.length === 0 ? pass() : fail(`function policy is public (statements ${open.join(', ')})`, { publicStatements: open });
  },
});
