import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { ValidationError } from '../../core/shared/errors.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import { errorResponse, json } from '../shared/http.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { useCase } from '../shared/use-cases.js';

const DecisionSchema = z.object({ decision: z.enum(['approve', 'reject']), comment: z.string().max(2000).optional() });

/**
 * POST /api/approvals/{approvalId}/decision (IAM-signed). The approver is the signing IAM
 * principal, never a field of the body, so the audit record's operator cannot be forged.
 */
export function createApprovalCallbackHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    try {
      const approvalId = event.pathParameters?.approvalId;
      if (!approvalId) throw new ValidationError('pathParameters.approvalId', 'required');
      const principal = event.requestContext?.identity?.userArn;
      if (!principal) throw new ValidationError('requestContext.identity.userArn', 'the request must be signed by an IAM principal');
      let body: unknown;
      try {
        body = JSON.parse(event.body ?? '');
      } catch {
        throw new ValidationError('body', 'must be JSON: { "decision": "approve" | "reject", "comment"?: string }');
      }
      const d = parseOrThrow(DecisionSchema, body, 'body');
      const approval = await useCase('decideApproval')(rt.deps(), { approvalId, decision: d.decision, principal, ...(d.comment ? { comment: d.comment } : {}) });
      rt.metrics.addMetric(d.decision === 'approve' ? 'ApprovalsGranted' : 'ApprovalsRejected', MetricUnit.Count, 1);
      return json(200, approval);
    } catch (err) {
      rt.logger.warn('approval decision refused', { error: err as Error });
      return errorResponse(err);
    }
  });
}

export const handler = createApprovalCallbackHandler(createRuntime('approval-callback'));
