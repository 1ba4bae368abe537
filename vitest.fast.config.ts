/**
 * `pnpm test:fast`: the unit and in-process tests of vitest.config.ts, without the service tier
 * (`SERVICE_TESTS`: moto, PostgreSQL, boto3, the AWS CLI, the browser, the soak) and without global
 * setup, so no service is started. The fuzz suites take their smaller run counts from the script
 * (`FUZZ_RUNS`, `FUZZ_WIRE_RUNS`, `FAULT_SEQUENCES`).
 *
 * The files share their workers' module cache (`isolate: false`): importing the packages once per
 * worker instead of once per file is most of the saving on a 2-core machine. Files that mock modules
 * (`vi.mock`) need a fresh module graph and run isolated, in their own project.
 */
import { defineConfig } from 'vitest/config';
import base, { SERVICE_TESTS } from './vitest.config.js';

/** Test files that must not share a module cache (they `vi.mock` a module the others import). */
const ISOLATED = ['packages/adapters-memory/test/security-user-existence.test.ts'];

const exclude = [...(base.test?.exclude ?? []), ...SERVICE_TESTS];
const shared = { environment: base.test?.environment, testTimeout: base.test?.testTimeout, globalSetup: [] };

export default defineConfig({
  resolve: base.resolve,
  test: {
    reporters: base.test?.reporters,
    // Each project names all its settings (no `extends`: it would concatenate `include` lists).
    projects: [
      { resolve: base.resolve, test: { ...shared, name: 'fast', include: base.test?.include, exclude: [...exclude, ...ISOLATED], isolate: false } },
      { resolve: base.resolve, test: { ...shared, name: 'fast (isolated)', include: ISOLATED, exclude } },
    ],
  },
});
