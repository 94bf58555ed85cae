import type { Command } from 'commander';
import type { ApiClient } from '../client.js';
import { registerAlerting } from './alerting.js';
import { registerCost } from './cost.js';
import { registerCompliance } from './compliance.js';
import { registerDetect } from './detect.js';
import { registerIncidents } from './incidents.js';
import { registerIngest } from './ingest.js';
import { registerRca } from './rca.js';
import { registerRemediation } from './remediation.js';
import { registerSandbox } from './sandbox.js';
import { registerSlo } from './slo.js';

export type CommandRegistrar = (program: Command, client: () => ApiClient, json: () => boolean) => void;

/** Every client command group (`aiops start` is registered separately: it runs the server). One line per feature. */
export const COMMANDS: CommandRegistrar[] = [
  registerIncidents,
  registerSandbox,
  registerIngest,
  registerRemediation,
  registerCost,
  registerCompliance,
  registerDetect,
  registerSlo,
  registerRca,
  registerAlerting,
];
