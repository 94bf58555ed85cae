import { defineRunbook } from '../runbook.js';
import { at, callOn, eligible, isProd, notEligible, str } from './support/state.js';

/** RDS starts a stopped DB instance again by itself after this many days (the stop is temporary). */
export const RDS_AUTO_START_DAYS = 7;

/**
 * Cost right-sizing (rule rds-idle): stop a non-production DB instance that had no connection for
 * 7 days. Storage and backups stay (and stay billed); a snapshot is taken as part of the stop.
 * RDS restarts a stopped instance automatically after 7 days, so this saves at most a week of
 * instance hours per approval: an instance that stays unused should be deleted with a final
 * snapshot by its owner. Reversible (start it again); every run needs a FinOps approval.
 * AWS refuses to stop read replicas, sources of read replicas, Aurora cluster members (the
 * cluster is stopped instead) and SQL Server Multi-AZ instances, so those are not eligible.
 */
export default defineRunbook({
  id: 'AIOps-StopIdleDbInstance',
  title: 'Stop an idle non-production RDS DB instance',
  condition: 'Cost recommendation: RDS DB instance with no connection on each of the last 7 days, non-prod',
  action: 'Stop the DB instance with a snapshot (storage is kept; RDS starts it again by itself after 7 days)',
  category: 'storage',
  pattern: 'lambda',
  reversible: true,
  approval: 'always',
  targetResourceType: 'AWS::RDS::DBInstance',
  // Only the cost feature starts it (trigger `cost:<recommendationId>`); no alert carries this rule.
  trigger: { rule: 'cost-recommendation:rds-idle' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 5,
  sandboxScenario: 'cost-idle-db-instance',
  rollbackPlan: 'Start the DB instance again (rds:StartDBInstance). RDS also starts a stopped instance by itself after 7 days, so the stop ends on its own if nobody deletes the instance.',
  eligible: ({ resource, environment }) => {
    const s = resource.state;
    if (isProd(environment)) return notEligible('production databases are stopped by their owners, not by automation');
    if (!str(s, 'DBInstanceIdentifier')) return notEligible('DBInstanceIdentifier unknown');
    const status = str(s, 'DBInstanceStatus');
    if (status !== 'available') return notEligible(`DB instance status is ${status ?? 'unknown'}`);
    const engine = str(s, 'Engine');
    if (!engine) return notEligible('Engine unknown');
    if (engine.startsWith('aurora') || str(s, 'DBClusterIdentifier')) return notEligible('Aurora cluster member: stop the cluster instead');
    if (str(s, 'ReadReplicaSourceDBInstanceIdentifier')) return notEligible('read replica: RDS cannot stop it');
    const replicas = at(s, 'ReadReplicaDBInstanceIdentifiers');
    if (replicas !== undefined && (!Array.isArray(replicas) || replicas.length > 0)) return notEligible('source of read replicas: RDS cannot stop it');
    if (engine.startsWith('sqlserver') && at(s, 'MultiAZ') === true) return notEligible('SQL Server Multi-AZ: RDS cannot stop it');
    return eligible(`${str(s, 'DBInstanceClass') ?? 'DB instance'} ${engine} idle; stopped for at most ${RDS_AUTO_START_DAYS} days (RDS restarts it)`);
  },
  plan: ({ resource }) => {
    const id = str(resource.state, 'DBInstanceIdentifier') ?? resource.id;
    return [
      callOn(
        resource,
        'rds:StopDBInstance',
        { DBInstanceIdentifier: id, DBSnapshotIdentifier: `aiops-stop-${id}` },
        `stop the idle DB instance with a snapshot; RDS starts it again after ${RDS_AUTO_START_DAYS} days`,
      ),
    ];
  },
  rollback: ({ resource }) => [callOn(resource, 'rds:StartDBInstance', { DBInstanceIdentifier: str(resource.state, 'DBInstanceIdentifier') ?? resource.id }, 'start the DB instance again')],
});
