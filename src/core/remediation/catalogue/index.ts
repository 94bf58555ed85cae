import type { RunbookDescriptor } from '../runbook.js';
import scaleOutEc2Asg from './AIOps-ScaleOutEC2ASG.js';

export const CATALOGUE: readonly RunbookDescriptor[] = [scaleOutEc2Asg];

export function findRunbook(id: string): RunbookDescriptor | undefined {
  return CATALOGUE.find((r) => r.id === id);
}
