import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/app/auth.js';
import type { FeatureName } from '../../src/app/features/index.js';
import { buildServer } from '../../src/server/server.js';
import { startTestPlatform, type TestPlatform } from './helpers.js';

const ROLES = ['viewer', 'operator', 'approver'] as const satisfies readonly Role[];
type TestRole = (typeof ROLES)[number];

export interface RouteHarness {
  readonly t: TestPlatform;
  readonly app: FastifyInstance;
  /** The principal behind a role's token (what audit fields record). */
  principal(role: TestRole): string;
  /** The Authorization header of a role. */
  as(role: TestRole): { authorization: string };
  /** `app.inject` under /api/v1, as a role (none: unauthenticated), with an optional JSON body. */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, role?: TestRole, payload?: unknown): Promise<LightMyRequestResponse>;
}

/**
 * The route tests' common setup: a test platform on a manual clock with the given features, the
 * API built on it (injected, not listening), one token per role (principal `t-<role>`), and
 * `setup` once all that exists. Torn down after the file.
 */
export function routeHarness(opts: { features?: FeatureName[]; setup?: (t: TestPlatform) => Promise<void> } = {}): RouteHarness {
  let t: TestPlatform | undefined;
  let app: FastifyInstance | undefined;
  const tokens = new Map<TestRole, string>();
  beforeAll(async () => {
    t = await startTestPlatform({ features: opts.features ?? [] });
    app = await buildServer(t.platform);
    for (const role of ROLES) tokens.set(role, await t.platform.auth.create(`t-${role}`, role, 'test'));
    await opts.setup?.(t);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the test platform is not started (use the harness inside a test)');
    return value;
  };
  const harness: RouteHarness = {
    get t() {
      return started(t);
    },
    get app() {
      return started(app);
    },
    principal: (role) => `t-${role}`,
    as: (role) => ({ authorization: `Bearer ${started(tokens.get(role))}` }),
    call(method, url, role, payload) {
      const options: InjectOptions = {
        method,
        url: `/api/v1${url}`,
        ...(role ? { headers: harness.as(role) } : {}),
        ...(payload !== undefined ? { payload: payload as object } : {}),
      };
      return harness.app.inject(options);
    },
  };
  return harness;
}
