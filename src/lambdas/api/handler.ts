import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { errorResponse, toHttpRequest } from '../shared/http.js';
import { createRuntime, lambdaHandler, type Runtime } from '../shared/runtime.js';
import { useCase } from '../shared/use-cases.js';

const ProxyEventSchema = z.object({ httpMethod: z.string().min(1), path: z.string().startsWith('/') }).passthrough();

/** API Gateway → the same HTTP API the local server exposes (handleHttp). */
export function createApiHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    try {
      parseOrThrow(ProxyEventSchema, event, 'event');
      const res = await useCase('handleHttp')(rt.deps(), toHttpRequest(event));
      return { statusCode: res.statusCode, headers: res.headers, body: res.body };
    } catch (err) {
      rt.logger.error('api request failed', { error: err as Error });
      return errorResponse(err);
    }
  });
}

export const handler = createApiHandler(createRuntime('api'));
