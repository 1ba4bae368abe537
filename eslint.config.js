// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import mustUseResult from './tools/eslint-must-use-result.js';

export default tseslint.config(
  { ignores: ['**/dist/**', 'docs/api/**', 'node_modules/**', 'bench/results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { local: { rules: { 'must-use-result': mustUseResult } } },
    rules: {
      'local/must-use-result': 'error',
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/testing/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ThrowStatement', message: 'core returns Results; a throw here is a bug' }],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', '!node:crypto'], message: 'core imports only neverthrow and node:crypto at run time' },
          { group: ['@aws-sdk/*', 'tsyringe', '@cognito-recovery/adapters-*', '@cognito-recovery/server'], message: 'core never imports adapters, the AWS SDK or tsyringe' },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', '**/testing/**/*.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
