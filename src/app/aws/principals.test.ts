import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/shared/errors.js';
import { parsePrincipalRoles, roleOfPrincipal } from './principals.js';

const roles = parsePrincipalRoles(JSON.stringify({ 'arn:aws:iam::111122223333:user/alice': 'approver', 'arn:aws:iam::111122223333:role/path/AIOpsOperators': 'operator' }));

describe('Function: roleOfPrincipal', () => {
  it.each([
    ['an IAM user listed by ARN', 'arn:aws:iam::111122223333:user/alice', 'approver'],
    ['a session of a listed role', 'arn:aws:sts::111122223333:assumed-role/AIOpsOperators/bob', 'operator'],
    ['a session of the same role name in another account', 'arn:aws:sts::999999999999:assumed-role/AIOpsOperators/eve', undefined],
    ['an unlisted user', 'arn:aws:iam::111122223333:user/mallory', undefined],
    ['no principal', undefined, undefined],
  ])('maps %s', (_label, principal, role) => {
    expect(roleOfPrincipal(principal, roles)).toBe(role);
  });

  it('gives every other signed principal the `*` role when configured', () => {
    expect(roleOfPrincipal('arn:aws:iam::111122223333:user/mallory', { ...roles, '*': 'viewer' })).toBe('viewer');
  });
});

describe('Function: parsePrincipalRoles', () => {
  it('is empty without configuration (nobody gets in)', () => {
    expect(parsePrincipalRoles(undefined)).toEqual({});
  });

  it.each(['not json', JSON.stringify({ 'arn:aws:iam::1:user/a': 'root' })])('refuses %j naming the variable', (json) => {
    expect(() => parsePrincipalRoles(json)).toThrow(ValidationError);
    try {
      parsePrincipalRoles(json);
    } catch (e) {
      expect((e as ValidationError).field).toMatch(/^env\.API_PRINCIPAL_ROLES/);
    }
  });
});
