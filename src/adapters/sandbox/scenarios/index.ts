import { NotFoundError } from '../../../core/shared/errors.js';
import ec2CpuSpike from './ec2-cpu-spike.js';
import postureDrift from './posture-drift.js';
import type { ScenarioDescriptor } from './scenario.js';

/** Every sandbox scenario, one file each. The registry test checks each one's faults validate. */
export const SCENARIOS: readonly ScenarioDescriptor[] = [ec2CpuSpike, postureDrift];

export function findScenario(id: string): ScenarioDescriptor {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new NotFoundError('scenario', id);
  return s;
}
