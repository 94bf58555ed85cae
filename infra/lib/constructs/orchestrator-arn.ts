import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The RemediationOrchestrator's physical name in one environment. */
export const orchestratorName = (env: string): string => `remediation-orchestrator-${env}`;

/**
 * The orchestrator's ARN built from its fixed name, so that stacks the RemediationStack depends on
 * (Alerting: the alert router starts executions) can reference it without a cyclic dependency.
 */
export function orchestratorArn(scope: IConstruct, env: string): string {
  return Stack.of(scope).formatArn({ service: 'states', resource: 'stateMachine', resourceName: orchestratorName(env), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}
