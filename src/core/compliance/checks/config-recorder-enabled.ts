import { defineCheck, fail, pass } from '../check.js';
import { regionsToCheck } from './helpers.js';

export default defineCheck({
  id: 'config-recorder-enabled',
  title: 'AWS Config records all resource types in every region',
  description: 'A recorder exists, is recording, and records all supported types (global types included somewhere).',
  service: 'config',
  resourceType: 'AWS::::Account',
  severity: 'MEDIUM',
  frameworks: { cis: ['3.3'], fsbp: ['Config.1'] },
  test: (s, ctx) => {
    const bad = regionsToCheck(s.regions, ctx.config.requiredRegions)
      .map(({ region, settings }) => {
        const rec = settings?.configurationRecorder;
        if (!rec) return { region, problem: 'no recorder' };
        if (!rec.recording) return { region, problem: 'recorder stopped' };
        if (!rec.recordingGroup.allSupported) return { region, problem: 'not recording all resource types' };
        return undefined;
      })
      .filter((x) => x !== undefined);
    return bad.length === 0 ? pass() : fail(`AWS Config is not fully recording in ${bad.map((b) => b.region).join(', ')}`, { regions: bad });
  },
});
