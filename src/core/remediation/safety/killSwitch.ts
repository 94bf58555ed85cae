import type { SafetyRule } from './types.js';

/** An operator stopped automation globally or for this environment: nothing acts, approved or not. */
export const killSwitchRule: SafetyRule = {
  id: 'kill-switch',
  evaluate: ({ killSwitch, environment }) => {
    if (killSwitch.global) return { pass: false, reason: 'global kill switch is on' };
    if (killSwitch.environments.includes(environment)) return { pass: false, reason: `kill switch is on for ${environment}` };
    return { pass: true };
  },
};
