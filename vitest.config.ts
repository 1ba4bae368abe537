import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

/**
 * The test files that need a service or a tool outside the process (moto_server, a PostgreSQL server,
 * python3 with boto3, the AWS CLI, chromium) or that run for seconds by design (the soak): the slow
 * tier. `pnpm test` (this config) runs them with everything else; `pnpm test:fast`
 * (vitest.fast.config.ts) leaves them out, with no global setup. Name new ones to match:
 * `*.moto.test.ts`, `*.postgres.test.ts`, `*.e2e.test.ts`.
 */
export const SERVICE_TESTS: readonly string[] = [
  '**/*.moto.test.ts',
  '**/*.postgres.test.ts',
  '**/*.e2e.test.ts',
  'packages/server/test/boto3-and-aws-cli.test.ts',
  'packages/server/test/browser/**/*.test.ts',
  'packages/server/test/soak.test.ts',
  'examples/auth-server/test/**/*.test.ts',
  'examples/testing/local-endpoint.test.ts',
];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@cognito-recovery\/core\/testing$/, replacement: src('core/src/testing/index.ts') },
      { find: /^@cognito-recovery\/core\/rules$/, replacement: src('core/src/rules/index.ts') },
      { find: /^@cognito-recovery\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@cognito-recovery\/adapters-memory$/, replacement: src('adapters-memory/src/index.ts') },
      { find: /^@cognito-recovery\/adapters-aws$/, replacement: src('adapters-aws/src/index.ts') },
      { find: /^@cognito-recovery\/adapters-postgres$/, replacement: src('adapters-postgres/src/index.ts') },
      { find: /^@cognito-recovery\/adapters-postgres\/pglite$/, replacement: src('adapters-postgres/src/pglite.ts') },
      { find: /^@cognito-recovery\/server$/, replacement: src('server/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'docs/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    // Starts moto_server for the AWS adapter tests and a temporary PostgreSQL 15 server for the
    // PostgreSQL adapter tests (each skipped without its tool, except under CI=true).
    globalSetup: ['packages/adapters-aws/test/moto.global-setup.ts', 'packages/adapters-postgres/test/postgres.global-setup.ts'],
    testTimeout: 20_000,
    reporters: ['default'],
  },
});
