export { evaluateSafety, SAFETY_RULES } from './evaluate.js';
export { approvalRule } from './approval.js';
export { blastRadiusRule } from './blastRadius.js';
export { budgetFreezeRule } from './budgetFreeze.js';
export { breakerOpen, circuitBreakerRule, DEFAULT_BREAKER_RESET_MINUTES, DEFAULT_BREAKER_THRESHOLD } from './circuitBreaker.js';
export { cooldownRule } from './cooldown.js';
export { killSwitchRule } from './killSwitch.js';
export { rateLimitRule } from './rateLimit.js';
export type { ApprovalDecision, KillSwitch, RuleVerdict, SafetyDecision, SafetyInput, SafetyRule } from './types.js';
