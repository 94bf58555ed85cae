import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'lambda-runtime-supported',
  title: 'Lambda functions use supported runtimes',
  description: 'Deprecated runtimes (config.deprecatedLambdaRuntimes) receive no security patches.',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['Lambda.2'] },
  test: (s, ctx) => {
    if (s.packageType === 'Image') return notApplicable('container image functions bring their own runtime');
    if (!s.runtime) throw new Error('state.runtime is missing for a Zip function');
    return ctx.config.deprecatedLambdaRuntimes.includes(s.runtime) ? fail(`runtime ${s.runtime} is deprecated`, { runtime: s.runtime }) : pass({ runtime: s.runtime });
  },
});
