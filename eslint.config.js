// Lint rules that keep the layers honest: workflow code stays deterministic, the workflow language
// stays pure, and the designer talks to the server only over HTTP.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'timers', 'worker_threads', 'process'].flatMap(
  (m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`],
);

export default tseslint.config(
  { ignores: ['node_modules/', 'designer/dist/', 'data/', '.tools/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      // Arrow shorthands returning void (`() => set(x)`) read clearly; the rule only adds braces.
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  ...[
    ['workflows/dsl/*.ts', '../*'],
    ['workflows/dsl/*/*.ts', '../../*'],
    ['workflows/dsl/*/*/*.ts', '../../../*'],
  ].map(([files, outside]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            { group: ['@temporalio/*'], message: 'workflows/dsl is pure: no Temporal imports.' },
            { group: [outside], message: 'workflows/dsl imports nothing of the project outside itself.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['workflows/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            { group: ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'], message: 'Workflow code imports only @temporalio/workflow.' },
            { group: ['**/activities/**', '**/server/**'], message: 'Workflow code imports only activity types.', allowTypeImports: true },
          ],
        },
      ],
      // Temporal's sandbox makes Date and Math.random replay-safe; timers must be durable (sleep, condition).
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch', 'process'],
    },
  },
  {
    files: ['designer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/activities/**'], message: 'The designer uses only the public HTTP API.' }] }],
    },
  },
  {
    // Activities receive their clients and stores from the worker (createActivities(deps)); reaching
    // into the server would tie a step to the API process and its database.
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'Activities get what they need through their factory deps, not from server/.', allowTypeImports: true }] }],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
