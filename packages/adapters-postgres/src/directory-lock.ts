/**
 * A lock file that keeps a data directory to one process.
 *
 * @module
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The lock file's name inside the data directory: it holds the pid of the process that has the
 * directory open.
 *
 * @example
 * ```ts
 * readFileSync(join(dataDir, LOCK_FILE), 'utf8').split('\n')[0]; // '4242'
 * ```
 * @group PGlite
 */
export const LOCK_FILE = 'cognito-recovery.lock';

/**
 * The data directory is open in another live process (or already in this one): PGlite would corrupt
 * it if two instances wrote to it, so the second is refused.
 *
 * @example
 * ```ts
 * try {
 *   await openPglite({ dataDir: '/var/lib/cognito-recovery' });
 * } catch (error) {
 *   if (error instanceof DataDirectoryInUseError) console.error(`${error.message}`);
 * }
 * ```
 * @group PGlite
 */
export class DataDirectoryInUseError extends Error {
  /** The data directory (absolute). */
  readonly dataDir: string;
  /** The process holding it. */
  readonly pid: number;
  /** The lock file naming it. */
  readonly lockFile: string;

  /**
   * @param dataDir - the data directory.
   * @param pid - the process that holds it.
   * @param lockFile - the lock file.
   * @param sameProcess - whether this very process holds it.
   */
  constructor(dataDir: string, pid: number, lockFile: string, sameProcess: boolean) {
    super(
      sameProcess
        ? `data directory ${dataDir} is already open in this process (pid ${pid}); close it first`
        : `data directory ${dataDir} is in use by process ${pid} (lock file ${lockFile}); stop that process, or delete the lock file if it is not running`,
    );
    this.name = 'DataDirectoryInUseError';
    this.dataDir = dataDir;
    this.pid = pid;
    this.lockFile = lockFile;
  }
}

/** A held lock: {@link DirectoryLock.release} deletes the lock file. @internal */
export interface DirectoryLock {
  release(): void;
}

/** Directories this process holds, by absolute path. */
const held = new Map<string, () => void>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // On a normal exit (process.exit, a signal handler that exits, the event loop draining) the locks
  // go with the process; after a crash the next process finds the pid dead and takes the lock over.
  process.on('exit', () => {
    for (const release of [...held.values()]) release();
  });
}

/** Whether a process with this pid is running (EPERM: it is, under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a lock file names, or `undefined` when it cannot be read (then it is treated as stale). */
function holderOf(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `dataDir` for this process (creating it if needed): writes `<dataDir>/cognito-recovery.lock`
 * with this pid, exclusively. A lock file naming a live process (or this process, when it already
 * holds the directory) refuses with {@link DataDirectoryInUseError}; one naming a dead process (a
 * crash), or this pid without this process holding it (a pid reused after a restart), is stale and
 * taken over.
 *
 * @internal
 */
export function lockDirectory(dataDir: string): DirectoryLock {
  const dir = resolve(dataDir);
  const lockFile = join(dir, LOCK_FILE);
  if (held.has(dir)) throw new DataDirectoryInUseError(dir, process.pid, lockFile, true);
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockFile, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holderOf(lockFile);
      if (pid !== undefined && pid !== process.pid && isAlive(pid)) throw new DataDirectoryInUseError(dir, pid, lockFile, false);
      try {
        unlinkSync(lockFile); // stale: its process is gone
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
    } finally {
      closeSync(fd);
    }
    // Two processes that both found the same stale file could each delete the other's fresh one:
    // whoever's pid is not in the file now lost that race.
    const now = holderOf(lockFile);
    if (now !== process.pid) {
      if (now !== undefined && isAlive(now)) throw new DataDirectoryInUseError(dir, now, lockFile, false);
      continue;
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      held.delete(dir);
      try {
        if (holderOf(lockFile) === process.pid) unlinkSync(lockFile);
      } catch {
        // already gone
      }
    };
    held.set(dir, release);
    installExitHook();
    return { release };
  }
  throw new Error(`could not take the lock file ${lockFile}: it keeps changing`);
}
