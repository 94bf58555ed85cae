import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../output.js';
import { exportOutput, validateRepo } from './rca.js';

const items = { payloads: [{ title: 'a', labels: ['incident-action-item'] }], script: 'gh issue create --title a\n' };

describe('Function: exportOutput', () => {
  it.each([
    [{}, JSON.stringify(items.payloads, null, 2)],
    [{ script: true }, 'gh issue create --title a'],
    [{ markdown: true }, '# PM'],
  ])('prints the chosen form (%o)', (mode, expected) => {
    expect(exportOutput(mode, { markdown: '# PM', items })).toBe(expected);
  });
});

describe('Function: validateRepo', () => {
  it('accepts owner/name and nothing', () => {
    expect(validateRepo('matcarv/aiops')).toBe('matcarv/aiops');
    expect(validateRepo(undefined)).toBeUndefined();
  });
  it.each(['aiops', 'a/b/c', 'a b/c'])('rejects %s with the invalid exit code', (repo) => {
    try {
      validateRepo(repo);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(EXIT.invalid);
    }
  });
});
