import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'infra/cdk.out/', 'bench/results/', 'coverage/', '.aiops/', 'test/e2e/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly', EventSource: 'readonly', performance: 'readonly', structuredClone: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', localStorage: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='describe'][callee.property.name='skip']", message: 'no skipped tests' }, { selector: "CallExpression[callee.object.name='it'][callee.property.name='skip']", message: 'no skipped tests' }, { selector: "CallExpression[callee.object.name='it'][callee.property.name='only']", message: 'no focused tests' }, { selector: "CallExpression[callee.object.name='describe'][callee.property.name='only']", message: 'no focused tests' }],
    },
  },
  {
    // Core is pure: no AWS SDK, no adapters, no wall clock.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', '**/adapters/**', 'better-sqlite3', 'fastify', 'node:fs', 'fs'], message: 'src/core is pure: no I/O, no SDK, no adapters' }] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'pass a Clock' }, { object: 'Math', property: 'random', message: 'use a seeded PRNG' }],
    },
  },
);
