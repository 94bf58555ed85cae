/**
 * A valid OpenSLO spec the SLO tests (feature, API, CLI, console) create, check and break:
 * orders must not be throttled in more than 1 % of invocations (Throttles over Invocations).
 */
export const ORDERS_THROTTLES_SPEC = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: orders-throttles
spec:
  service: orders
  indicator:
    metadata: { name: orders-not-throttled }
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: CloudWatch
            spec: { namespace: AWS/Lambda, metricName: Throttles, stat: Sum, dimensions: [{ name: FunctionName, value: orders-processor }] }
        total:
          metricSource:
            type: CloudWatch
            spec: { namespace: AWS/Lambda, metricName: Invocations, stat: Sum, dimensions: [{ name: FunctionName, value: orders-processor }] }
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;
