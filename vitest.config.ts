import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@cognito-recovery\/core\/testing$/, replacement: src('core/src/testing/index.ts') },
      { find: /^@cognito-recovery\/core\/rules$/, replacement: src('core/src/rules/index.ts') },
      { find: /^@cognito-recovery\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@cognito-recovery\/adapters-memory$/, replacement: src('adapters-memory/src/index.ts') },
      { find: /^@cognito-recovery\/adapters-aws$/, replacement: src('adapters-aws/src/index.ts') },
      { find: /^@cognito-recovery\/server$/, replacement: src('server/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'docs/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    // Starts moto_server for the AWS adapter tests (skipped without it, except under CI=true).
    globalSetup: ['packages/adapters-aws/test/moto.global-setup.ts'],
    testTimeout: 20_000,
    reporters: ['default'],
  },
});
