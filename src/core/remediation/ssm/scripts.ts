import type { ScriptHandler } from './interpreter.js';

/**
 * TypeScript twins of the Python `aws:executeScript` handlers in scripts/ssm/*.yaml, so the
 * documents are rehearsed locally with the same decisions. Keep each one line-for-line with its
 * Python original (the interpreter test runs both paths of each).
 */
const int = (x: unknown) => Math.trunc(Number(x));

export const LOCAL_SCRIPT_HANDLERS: Readonly<Record<string, ScriptHandler>> = {
  scale_out_eligible: (e) => {
    const current = int(e.CurrentDesired);
    const target = int(e.DesiredCapacity);
    const maxSize = int(e.MaxSize);
    if (current >= target) return { Eligible: false, Reason: `desired ${current} already >= target ${target}` };
    if (target > maxSize) return { Eligible: false, Reason: `target ${target} above MaxSize ${maxSize}` };
    return { Eligible: true, Reason: `desired ${current} -> ${target} (max ${maxSize})` };
  },
  ecs_restart_eligible: (e) => {
    const status = String(e.Status);
    const desired = int(e.DesiredCount);
    const running = int(e.RunningCount);
    if (status !== 'ACTIVE') return { Eligible: false, Reason: `service status ${status}` };
    if (desired === 0) return { Eligible: false, Reason: 'desiredCount is 0' };
    if (running >= desired) return { Eligible: false, Reason: `running ${running} >= desired ${desired}` };
    return { Eligible: true, Reason: `running ${running} < desired ${desired}` };
  },
  alias_rollback_eligible: (e) => {
    const current = String(e.FunctionVersion);
    const target = String(e.TargetVersion);
    if (current === target) return { Eligible: false, Reason: `alias already on version ${target}` };
    return { Eligible: true, Reason: `alias ${current} -> ${target}` };
  },
};
