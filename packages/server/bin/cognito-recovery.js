#!/usr/bin/env node
// The `cognito-recovery` command. pnpm links this committed file at install time, before
// `dist/cli.js` exists. In a source checkout that has not been built yet, it builds the server
// package (and the packages it references) once with the workspace's TypeScript, then runs the CLI;
// when it cannot, it says how and exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const project = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

function notBuilt(why) {
  process.stderr.write(
    `cognito-recovery: the command is not built (packages/server/dist/cli.js is missing)${why === '' ? '' : `: ${why}`}.\n` +
      'Run `pnpm build` (or `npx -y pnpm@10.34.8 build`) in the repository root, then run the command again.\n',
  );
  process.exit(1);
}

if (!existsSync(cli)) {
  if (!existsSync(project)) notBuilt('');
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    notBuilt('TypeScript is not installed (run pnpm install)');
  }
  process.stderr.write('cognito-recovery: first run in this checkout: building packages/server with tsc -b (once)…\n');
  const built = spawnSync(process.execPath, [tsc, '-b', project], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0 || !existsSync(cli)) notBuilt(`tsc -b ${project} failed`);
}

await import(new URL('../dist/cli.js', import.meta.url).href);
