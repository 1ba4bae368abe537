/**
 * Issue D: the `cognito-recovery` bin is a committed launcher (pnpm links it at install time, before
 * anything is built): it runs `dist/cli.js` when it is there, and otherwise builds it or says how.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const LAUNCHER = fileURLToPath(new URL('../bin/cognito-recovery.js', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../package.json', import.meta.url));

let dir = '';

afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A package folder with the launcher in bin/ and whatever else the test puts there. */
function packageWith(files: Readonly<Record<string, string>>): string {
  dir = mkdtempSync(join(tmpdir(), 'cognito-recovery-bin-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(LAUNCHER, join(dir, 'bin', 'cognito-recovery.js'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, 'bin', 'cognito-recovery.js');
}

describe('the cognito-recovery launcher', () => {
  it('is the package bin, shipped with the package, and executable', () => {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(pkg.bin).toEqual({ 'cognito-recovery': './bin/cognito-recovery.js' });
    expect(pkg.files).toContain('bin');
    expect(readFileSync(LAUNCHER, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(LAUNCHER).mode & 0o111).not.toBe(0);
  });

  it('runs the built CLI with the arguments', () => {
    const launcher = packageWith({ 'dist/cli.js': "process.stdout.write('cli ' + process.argv.slice(2).join(' '));" });
    const run = spawnSync(process.execPath, [launcher, 'serve', '--help'], { encoding: 'utf8' });
    expect(run.stdout).toBe('cli serve --help');
    expect(run.status).toBe(0);
  });

  it('says how to build it and exits 1 when it is not built and cannot be', () => {
    const launcher = packageWith({});
    const run = spawnSync(process.execPath, [launcher, 'serve', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cognito-recovery: the command is not built (packages/server/dist/cli.js is missing)');
    expect(run.stderr).toContain('Run `pnpm build`');
  });

  it('in a source checkout without TypeScript installed, says to install and build', () => {
    // The temporary folder has a tsconfig.json (a source checkout) but no node_modules to find tsc in.
    const launcher = packageWith({ 'tsconfig.json': '{ "files": [] }' });
    const run = spawnSync(process.execPath, [launcher, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('TypeScript is not installed (run pnpm install)');
    expect(run.stderr).toContain('Run `pnpm build`');
  });
});
