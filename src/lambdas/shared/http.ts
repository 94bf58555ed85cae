import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ConflictError, NotFoundError, SafetyViolationError, ValidationError } from '../../core/shared/errors.js';
import type { HttpRequest } from './use-cases.js';

/** API Gateway REST proxy event → the transport-neutral request the HTTP use cases take. */
export function toHttpRequest(event: APIGatewayProxyEvent): HttpRequest {
  const body = event.body === null || event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const principal = event.requestContext?.identity?.userArn ?? undefined;
  return {
    method: event.httpMethod,
    path: event.path,
    query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
    headers: Object.fromEntries(Object.entries(event.headers ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k.toLowerCase(), v])),
    ...(body !== undefined ? { body } : {}),
    ...(principal ? { principal } : {}),
  };
}

export const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Product errors → HTTP status, naming the field for validation errors; anything else is a 500 without internals. */
export function errorResponse(err: unknown): APIGatewayProxyResult {
  if (err instanceof ValidationError) return json(400, { error: 'ValidationError', field: err.field, message: err.reason });
  if (err instanceof NotFoundError) return json(404, { error: 'NotFound', message: err.message });
  if (err instanceof ConflictError) return json(409, { error: 'Conflict', message: err.message });
  if (err instanceof SafetyViolationError) return json(403, { error: 'SafetyViolation', rule: err.rule, message: err.message });
  return json(500, { error: 'InternalError', message: 'internal error' });
}
