// Shared helpers of the benchmark scripts: child processes that are always cleaned up, free loopback
// ports, readiness checks, statistics, and the result line a section prints for run.mjs.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** The line prefix a section prints its result with; run.mjs reads the last such line. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Prints a section's result for run.mjs (and for a person running the section alone). */
export function emitResult(result) {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Progress on stderr, so stdout stays the result channel. */
export function log(...parts) {
  process.stderr.write(`${parts.join(' ')}\n`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export async function withTimeout(promise, ms, label) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The modules a section needs, imported in order, under the names given (`{ core: '@cognito-recovery/core' }`
 * gives `{ core: <module> }`; a relative specifier is relative to bench/); the first import that fails rejects
 * with its error, for the section's skip line.
 *
 * @param {Record<string, string>} specifiers
 * @returns {Promise<Record<string, any>>}
 */
export async function importModules(specifiers) {
  /** @type {Record<string, any>} */
  const modules = {};
  for (const [name, specifier] of Object.entries(specifiers)) modules[name] = await import(specifier);
  return modules;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

const children = new Set();

/** Kills one child's whole process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function killChild(child, graceMs = 2000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

function killAllNow() {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
}

let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      killAllNow();
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

/**
 * Spawns a child in its own process group (so its own children die with it), remembers it so it is
 * killed when this process exits however it exits, and keeps the tail of its output for error
 * messages.
 */
export function spawnChild(command, args, options = {}) {
  hookExit();
  /** @type {any} A child process with the tail of its output and a promise of its spawn error. */
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  children.add(child);
  child.tail = '';
  const keep = (chunk) => {
    child.tail = (child.tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => children.delete(child));
  child.spawnError = new Promise((resolve) => child.once('error', resolve));
  return child;
}

/** Resolves with the first stdout line of `child` that starts with `prefix` (the rest of the line). */
export function waitForLine(child, prefix, timeoutMs, label) {
  return withTimeout(
    new Promise((resolve, reject) => {
      let buffered = '';
      const onData = (chunk) => {
        buffered += chunk.toString('utf8');
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.startsWith(prefix)) {
            child.stdout.off('data', onData);
            resolve(line.slice(prefix.length).trim());
            return;
          }
        }
      };
      child.stdout.on('data', onData);
      child.once('exit', (code, signal) => reject(new Error(`${label} exited (${code ?? signal}) before it was ready:\n${child.tail}`)));
      child.spawnError.then((error) => reject(new Error(`${label} could not start: ${error.message}`)));
    }),
    timeoutMs,
    `${label} start`,
  );
}

/** Polls `url` until it answers anything (any status), or fails after `timeoutMs`. */
export async function waitForHttp(url, child, timeoutMs, label) {
  const deadline = Date.now() + timeoutMs;
  /** @type {Error | undefined} */
  let spawnFailure;
  child.spawnError.then((error) => {
    spawnFailure = error;
  });
  while (Date.now() < deadline) {
    if (spawnFailure !== undefined) throw new Error(`${label} could not start: ${spawnFailure.message}`);
    if (child.exitCode !== null) throw new Error(`${label} exited with code ${child.exitCode} before answering:\n${child.tail}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${label} did not answer on ${url} within ${Math.round(timeoutMs / 1000)} s:\n${child.tail}`);
}

/** The median of numbers (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0–100, nearest rank) of an ascending array. */
export function percentile(sortedAscending, p) {
  if (sortedAscending.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length) - 1;
  return sortedAscending[Math.min(sortedAscending.length - 1, Math.max(0, rank))];
}

/** Rounds to `digits` significant digits (for the JSON and the table). */
export function sig(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value ?? null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}

/** Unwraps a neverthrow Result (or a promise of one), throwing with the Cognito error's name. */
export async function unwrap(result, what = 'operation') {
  const settled = await result;
  if (settled.isErr()) {
    const e = settled.error;
    throw new Error(`${what} failed: ${e.name ?? e.kind}: ${e.message ?? e.reason ?? JSON.stringify(e)}`);
  }
  return settled.value;
}
