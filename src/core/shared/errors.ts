/**
 * One error family for the product. Every error names what failed; validation errors name the field.
 */
export class AiopsError extends Error {
  override readonly name: string = 'AiopsError';
  constructor(
    message: string,
    readonly code: string = 'AIOPS_ERROR',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad input: `field` is the dotted path of the first failing field (e.g. `detail.state.value`). */
export class ValidationError extends AiopsError {
  override readonly name = 'ValidationError';
  constructor(
    readonly field: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${field}: ${reason}`, 'VALIDATION_ERROR', options);
  }
}

export class NotFoundError extends AiopsError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`, 'NOT_FOUND');
  }
}

/** A write lost an optimistic-concurrency race, or a state change is not allowed. */
export class ConflictError extends AiopsError {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super(message, 'CONFLICT');
  }
}

export class IncidentTransitionError extends AiopsError {
  override readonly name = 'IncidentTransitionError';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`incident cannot move from ${from} to ${to}`, 'INCIDENT_TRANSITION');
  }
}

/** A safety rule refused an action (missing approval, kill switch, rate limit, blast radius…). */
export class SafetyViolationError extends AiopsError {
  override readonly name = 'SafetyViolationError';
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message, 'SAFETY_VIOLATION');
  }
}
