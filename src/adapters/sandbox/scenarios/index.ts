import { NotFoundError } from '../../../core/shared/errors.js';
import ec2CpuSpike from './ec2-cpu-spike.js';
import latencyLevelShift from './latency-level-shift.js';
import memoryLeak from './memory-leak.js';
import nightTrafficDrop from './night-traffic-drop.js';
import type { ScenarioDescriptor } from './scenario.js';

/** Every sandbox scenario, one file each. The registry test checks each one's faults validate. */
export const SCENARIOS: readonly ScenarioDescriptor[] = [ec2CpuSpike, memoryLeak, nightTrafficDrop, latencyLevelShift];

export function findScenario(id: string): ScenarioDescriptor {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new NotFoundError('scenario', id);
  return s;
}
