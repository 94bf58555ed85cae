import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AlertingService } from '../app/alerting/service.js';
import type { Role } from '../app/auth.js';
import type { LocalPlatform } from '../app/platform.js';
import type { RemediationService } from '../app/remediation/service.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';

/** What the routes shared by the local server and the AWS API need: no sandbox, no scheduler. */
export interface ApiCore {
  store: Store;
  clock: Clock;
  alerting: AlertingService;
  remediation: RemediationService;
}

/** Routes get the platform and a role guard (bearer tokens locally, the IAM principal on AWS). */
export interface ServerContext<P extends ApiCore = LocalPlatform> {
  platform: P;
  role: (role: Role) => (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}
