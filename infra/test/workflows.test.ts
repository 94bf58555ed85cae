import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../lib/config.js';

/**
 * A structural lint of the GitHub workflows (actionlint is not installable here): valid YAML,
 * explicit least-privilege permissions, every third-party action pinned to a full commit SHA,
 * every job bounded in time, and the deploy order dev → staging → prod behind OIDC.
 */
const DIR = join(REPO_ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: string;
  'timeout-minutes'?: number;
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  steps?: Step[];
  strategy?: unknown;
}
interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: Record<string, string> | string;
  jobs?: Record<string, Job>;
}

const load = (f: string) => parse(readFileSync(join(DIR, f), 'utf8')) as Workflow;

describe('GitHub workflows', () => {
  it('has the CI and deploy workflows', () => {
    expect(files.sort()).toEqual(['ci.yml', 'deploy.yml']);
  });

  describe.each(files)('%s', (file) => {
    const wf = load(file);
    const jobs = Object.entries(wf.jobs ?? {});

    it('has a name, triggers, and jobs', () => {
      expect(wf.name).toBeTruthy();
      expect(wf.on).toBeTruthy();
      expect(jobs.length).toBeGreaterThan(0);
    });

    it('sets top-level permissions to read-only contents', () => {
      expect(wf.permissions).toEqual({ contents: 'read' });
    });

    it.each(jobs)('job %s: runner, timeout, steps, pinned actions, known needs', (name, job) => {
      expect(job['runs-on'], name).toMatch(/^ubuntu-\d/);
      expect(job['timeout-minutes'], name).toBeGreaterThan(0);
      expect(job.steps?.length, name).toBeGreaterThan(0);
      for (const need of [job.needs ?? []].flat()) expect(Object.keys(wf.jobs ?? {}), `${name} needs ${need}`).toContain(need);
      for (const step of job.steps ?? []) {
        expect(step.name, `${name}: every step is named`).toBeTruthy();
        expect(Boolean(step.uses) !== Boolean(step.run), `${name}/${step.name}: exactly one of uses/run`).toBe(true);
        if (step.uses) expect(step.uses, `${name}/${step.name}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        if (step.run) expect(step.run, `${name}/${step.name}: no secrets echoed`).not.toMatch(/echo .*secrets\./);
      }
    });

    it('uses ${{ }} expressions that are balanced', () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      expect((text.match(/\$\{\{/g) ?? []).length).toBe((text.match(/\}\}/g) ?? []).length);
    });
  });

  it('CI runs lint, typecheck, test and synths all three environments', () => {
    const ci = load('ci.yml');
    const runs = Object.values(ci.jobs ?? {}).flatMap((j) => (j.steps ?? []).map((s) => s.run ?? ''));
    for (const cmd of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test']) expect(runs).toContain(cmd);
    expect(runs.some((r) => r.startsWith('npm run synth -- -c env=${{ matrix.env }}'))).toBe(true);
    expect(JSON.stringify(ci.jobs?.synth?.strategy)).toContain('"env":["dev","staging","prod"]');
  });

  it('deploys dev → staging → prod with OIDC, prod behind its approval environment', () => {
    const d = load('deploy.yml');
    expect(d.jobs?.staging?.needs).toBe('dev');
    expect(d.jobs?.prod?.needs).toBe('staging');
    for (const env of ['dev', 'staging', 'prod']) {
      const job = d.jobs?.[env];
      expect(job?.environment).toBe(env);
      expect(job?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const creds = job?.steps?.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(creds?.with?.['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
      expect(creds?.with).not.toHaveProperty('aws-access-key-id');
      expect(job?.steps?.some((s) => s.run?.includes(`cdk deploy --all`) && s.run.includes(`-c env=${env}`))).toBe(true);
      // The Api stack deploys web/dist only when it was built before the deploy.
      const steps = job?.steps ?? [];
      const build = steps.findIndex((s) => s.run === 'npm run build:web');
      expect(build).toBeGreaterThan(-1);
      expect(build).toBeLessThan(steps.findIndex((s) => s.run?.includes('cdk deploy --all')));
    }
  });
});
