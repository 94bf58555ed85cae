import { DAILY_METRICS, LAMBDA_TYPE, LambdaStateSchema, daysWithAll, lastCompleteDays, parseState, valuesInWindow } from '../inputs.js';
import { defineCostRule, estimate, insufficientData, isProduction, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';

import { MIN_LAMBDA_MEMORY_MB as MIN_MEMORY_MB, recommendedLambdaMemoryMb } from '../rightSizing.js';

/** Compute Optimizer-style: the function's peak memory stays far below what it is configured with. */
export default defineCostRule({
  id: 'lambda-oversized-memory',
  title: 'Lambda function with oversized memory',
  resourceType: LAMBDA_TYPE,
  runbookId: 'AIOps-RightSizeLambdaMemory',
  dataNeeded: { state: ['memorySize', 'architectures'], metrics: [...DAILY_METRICS.lambda] },
  evaluate({ resource, metrics }, { now, config, prices }) {
    const cfg = config.rules['lambda-oversized-memory'];
    const s = parseState(LambdaStateSchema, resource);
    if (s.memorySize <= MIN_MEMORY_MB) return notApplicable('already at the minimum memory');
    const window = lastCompleteDays(now, cfg.lookbackDays);
    const names = ['Invocations', 'Duration', 'used_memory_max'];
    const inv = valuesInWindow(metrics['Invocations'], window);
    // Days without invocations carry no memory or duration reading; only days that ran count as evidence.
    const days = daysWithAll(metrics, names, window).filter((d) => inv.get(d)! >= cfg.minInvocationsPerDay);
    if (days.length < cfg.minDays) return insufficientData(`${days.length} of ${cfg.minDays} required days with invocations and memory data`, names.filter((n) => !metrics[n]?.length));
    const mem = valuesInWindow(metrics['used_memory_max'], window);
    const dur = valuesInWindow(metrics['Duration'], window);
    const maxUsed = Math.max(...days.map((d) => mem.get(d)!));
    const usedPct = (maxUsed / s.memorySize) * 100;
    if (usedPct > cfg.maxUsedPctOfConfigured) return notApplicable(`peak memory ${maxUsed} MB is ${usedPct.toFixed(1)}% of ${s.memorySize} MB (threshold ${cfg.maxUsedPctOfConfigured}%)`);
    const recommendedMb = recommendedLambdaMemoryMb(maxUsed, cfg.headroomPct);
    if (recommendedMb >= s.memorySize) return notApplicable(`with ${cfg.headroomPct}% headroom the function needs ${recommendedMb} MB`);
    const arch = s.architectures[0] ?? 'x86_64';
    const key = priceKey.lambdaGbSecond(arch);
    const p = lookupPrices(prices, [key]);
    if (!p.ok) return insufficientData(`no price for ${arch} GB-seconds`, p.missing);
    const gbs = p.byKey.get(key)!;
    const daysPerMonth = prices.hoursPerMonth / 24;
    // Invocation-weighted mean duration: busy days dominate the bill.
    const totalInv = days.reduce((a, d) => a + inv.get(d)!, 0);
    const meanDurS = days.reduce((a, d) => a + inv.get(d)! * dur.get(d)!, 0) / totalInv / 1000;
    const monthlyInv = (totalInv / days.length) * daysPerMonth;
    const monthly = (mb: number) => (mb / 1024) * meanDurS * monthlyInv * gbs.usd;
    const prod = isProduction(resource.tags, config);
    const target = resource.id;
    return recommend({
      ruleId: 'lambda-oversized-memory',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `Lambda ${resource.name} uses at most ${maxUsed} MB of ${s.memorySize} MB`,
      savings: estimate(monthly(s.memorySize), monthly(recommendedMb), [gbs], `(${s.memorySize} - ${recommendedMb}) MB / 1024 x ${meanDurS.toFixed(3)} s x ${Math.round(monthlyInv)} invocations/month x $${gbs.usd}/GB-s (duration assumed unchanged)`),
      // Less memory also means less CPU: duration may grow, so the figure is an upper bound.
      confidence: days.length >= cfg.lookbackDays ? 'medium' : 'low',
      recommendedAction: `Set memory to ${recommendedMb} MB and watch duration`,
      automatable: !prod,
      ...(prod
        ? {}
        : {
            remediation: {
              runbookId: 'AIOps-RightSizeLambdaMemory',
              target: resource.arn,
              reversible: true,
              approval: 'always',
              plan: [{ call: 'lambda:UpdateFunctionConfiguration', target, params: { FunctionName: target, MemorySize: recommendedMb } }],
              rollback: [{ call: 'lambda:UpdateFunctionConfiguration', target, params: { FunctionName: target, MemorySize: s.memorySize } }],
              rollbackPlan: `Set MemorySize back to ${s.memorySize} MB.`,
            },
          }),
      evidence: { configuredMb: s.memorySize, maxUsedMb: maxUsed, usedPct: Math.round(usedPct * 10) / 10, recommendedMb, days: days.length, meanDurationMs: Math.round(meanDurS * 1000), monthlyInvocations: Math.round(monthlyInv) },
    });
  },
});
