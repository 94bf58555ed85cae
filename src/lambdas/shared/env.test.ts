import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/shared/errors.js';
import { FUNCTION_ENV, functionOfService, readEnv } from './env.js';

describe('Function: readEnv', () => {
  it.each(Object.keys(FUNCTION_ENV) as (keyof typeof FUNCTION_ENV)[])('fails closed naming the first missing variable of %s', (fn) => {
    const first = FUNCTION_ENV[fn][0];
    expect(() => readEnv({ AIOPS_ENV: 'dev' }, fn)).toThrow(ValidationError);
    try {
      readEnv({ AIOPS_ENV: 'dev' }, fn);
    } catch (err) {
      expect((err as ValidationError).field).toBe(`env.${first}`);
    }
  });

  it('accepts an environment that has every variable of the function', () => {
    const full = Object.fromEntries(FUNCTION_ENV['alert-router'].map((k) => [k, k.endsWith('_ARN') ? 'arn:aws:x' : 'v']));
    expect(readEnv({ AIOPS_ENV: 'dev', ...full }, 'alert-router').STATE_MACHINE_ARN).toBe('arn:aws:x');
  });

  it.each([
    ['remediation-execute', 'remediation'],
    ['alert-router', 'alert-router'],
    ['unknown', undefined],
  ])('maps the service %s to the function %s', (service, fn) => {
    expect(functionOfService(service)).toBe(fn);
  });
});
