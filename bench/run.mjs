// `pnpm bench`: runs every section in its own node process (with a deadline), prints one table with
// the targets, and writes bench/results/latest.json and bench/results/latest.svg.
// Sections: BENCH_ONLY=in-process,http,scale,dynamodb,postgres,srp,lifecycle runs a subset. BENCH_ROUNDS (default 3) sets the
// rounds of the in-process and HTTP sections.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, sig } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());

const SECTIONS = [
  { name: 'inProcess', script: 'in-process.mjs', args: [], flags: [], timeoutMs: 180_000 },
  { name: 'http', script: 'http.mjs', args: [], flags: [], timeoutMs: 300_000 },
  { name: 'scaleSmall', script: 'scale.mjs', args: ['1000'], flags: ['--expose-gc'], timeoutMs: 120_000 },
  { name: 'scaleLarge', script: 'scale.mjs', args: ['1000000'], flags: ['--expose-gc', '--max-old-space-size=6144'], timeoutMs: 240_000 },
  { name: 'dynamodb', script: 'dynamodb.mjs', args: [], flags: [], timeoutMs: 180_000 },
  // Starts its own PostgreSQL 15 server; skipped, with a printed line, when none can be started.
  { name: 'postgres', script: 'postgres.mjs', args: [], flags: [], timeoutMs: 240_000 },
  // The SRP math of one USER_SRP_AUTH sign-in (server side), in process.
  { name: 'srp', script: 'srp.mjs', args: [], flags: [], timeoutMs: 120_000 },
  // A whole user lifecycle through boto3 against ours, moto_server and cognito-local; in-process SRP pairs/s.
  { name: 'lifecycle', script: 'lifecycle.mjs', args: [], flags: [], timeoutMs: 600_000 },
];
const selected = (name) => only === undefined || only.some((o) => name.toLowerCase().startsWith(o.replace('-', '').toLowerCase()));

let current;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (current !== undefined)
      try {
        process.kill(-current.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    process.exit(130);
  });
}

/** Runs one section; resolves with its result object, or rejects with the reason and its output tail. */
function runSection(section) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', ...section.flags, join(here, section.script), ...section.args], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: a deadline kills the servers it started too
    });
    current = child;
    let stdout = '';
    let tail = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-6000);
      process.stderr.write(text);
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 3000).unref();
      } catch {
        /* gone */
      }
      reject(new Error(`${section.script} ${section.args.join(' ')} did not finish within ${section.timeoutMs / 1000} s`));
    }, section.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      const line = stdout
        .split('\n')
        .reverse()
        .find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line !== undefined) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
      else reject(new Error(`${section.script} ${section.args.join(' ')} failed (${code ?? signal}):\n${tail.slice(-2000)}`));
    });
  });
}

const raw = {};
const failures = {};
const started = Date.now();
for (const section of SECTIONS) {
  if (!selected(section.name)) continue;
  process.stderr.write(`\n== ${section.name} ==\n`);
  const t0 = Date.now();
  try {
    raw[section.name] = await runSection(section);
  } catch (error) {
    failures[section.name] = error.message;
    process.stderr.write(`!! ${section.name}: ${error.message}\n`);
  }
  process.stderr.write(`   (${Math.round((Date.now() - t0) / 1000)} s)\n`);
}

const n = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/**
 * The numbers `keys` of a section's raw result, in that order, to `digits` significant digits (`null` when missing).
 *
 * @template {string} K
 * @param {Record<string, unknown>} section
 * @param {readonly K[]} keys
 * @returns {Record<K, number | null>}
 */
const figures = (section, keys, digits = 3) =>
  /** @type {Record<K, number | null>} */ (Object.fromEntries(keys.map((key) => [key, sig(n(section[key]), digits)])));
const ip = raw.inProcess ?? {};
const ht = raw.http ?? {};
const small = raw.scaleSmall ?? {};
const large = raw.scaleLarge ?? {};
const db = raw.dynamodb ?? {};
const pg = raw.postgres?.postgres ?? null;
const srp = raw.srp ?? {};
/** One operation of the PostgreSQL section: median and p99 latency, round trips, and the median against the `SELECT 1` floor. */
const pgOperation = (m) =>
  m === null || m === undefined
    ? null
    : {
        medianMs: n(m.medianMs),
        p99Ms: n(m.p99Ms),
        roundTrips: n(m.roundTrips),
        maxRoundTrips: n(m.maxRoundTrips),
        timesFloor: sig(pg !== null && n(pg.floor?.medianMs) ? m.medianMs / pg.floor.medianMs : null),
      };
const results = {
  generatedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageAtEnd: loadavg().map((x) => sig(x, 2)) },
  durationSeconds: Math.round((Date.now() - started) / 1000),
  inProcess: {
    ...figures(ip, [
      'forgotPasswordOpsPerSec',
      'floorOpsPerSec',
      'ratio',
      'confirmOpsPerSec',
      'confirmOpsPerSecCost1024',
      'hasherOpsPerSec',
      'hasherOpsPerSecCost1024',
    ]),
    rounds: ip.rounds ?? null,
  },
  http: {
    ...figures(ht, [
      'oursRps',
      'floorRps',
      'cognitoLocalRps',
      'ratioToFloor',
      'ratioToCognitoLocal',
      'p50Ms',
      'p99Ms',
      'floorP50Ms',
      'floorP99Ms',
      'cognitoLocalP50Ms',
      'cognitoLocalP99Ms',
    ]),
    workers: ht.workers ?? null,
    roundMs: ht.roundMs ?? null,
    detail: ht.detail ?? null,
  },
  scale: {
    latencyRatio: sig(n(large.p50Us) !== null && n(small.p50Us) !== null ? large.p50Us / small.p50Us : null),
    heapBytesPerUser: sig(n(large.heapBytesPerUser) ?? n(small.heapBytesPerUser), 4),
    smallUsers: small.users ?? null,
    largeUsers: large.users ?? null,
    smallP50Us: sig(n(small.p50Us)),
    largeP50Us: sig(n(large.p50Us)),
    smallP99Us: sig(n(small.p99Us)),
    largeP99Us: sig(n(large.p99Us)),
    smallHeapBytesPerUser: sig(n(small.heapBytesPerUser), 4),
    largeHeapBytesPerUser: sig(n(large.heapBytesPerUser), 4),
  },
  dynamodb: {
    forgotPasswordRequests: n(db.forgotPasswordRequests),
    confirmRequests: n(db.confirmRequests),
    forgotPasswordByCommand: db.forgotPasswordByCommand ?? null,
    confirmByCommand: db.confirmByCommand ?? null,
    reason: db.reason ?? (failures.dynamodb === undefined ? undefined : failures.dynamodb.split('\n')[0]),
  },
  postgres: {
    server: pg?.server ?? null,
    synchronousCommit: pg?.synchronousCommit ?? null,
    ops: pg?.ops ?? null,
    floor: pgOperation(pg?.floor),
    forgotPassword: pgOperation(pg?.forgotPassword),
    confirmForgotPassword: pgOperation(pg?.confirmForgotPassword),
    reason: raw.postgres?.reason ?? (failures.postgres === undefined ? undefined : failures.postgres.split('\n')[0]),
  },
  srp: figures(srp, [
    'serverSignInOpsPerSec',
    'serverSignInOpsPerSecB32',
    'serverBOpsPerSec',
    'serverKeyOpsPerSec',
    'simulatedIdentityOpsPerSec',
    'clientOpsPerSec',
  ]),
  lifecycle: {
    runs: raw.lifecycle?.runs ?? null,
    ours: raw.lifecycle?.ours ?? null,
    moto: raw.lifecycle?.moto ?? null,
    cognitoLocal: raw.lifecycle?.cognitoLocal ?? null,
    reasons:
      raw.lifecycle === undefined ? null : { ours: raw.lifecycle.oursReason, moto: raw.lifecycle.motoReason, cognitoLocal: raw.lifecycle.cognitoLocalReason },
    srp: raw.lifecycle?.srp ?? null,
  },
  failures,
};

// ---- targets ----
const targets = [
  ['in-process ratio', results.inProcess.ratio, (v) => v >= 0.6, '≥ 0.6× floor'],
  ['HTTP ratio to floor', results.http.ratioToFloor, (v) => v >= 0.5, '≥ 0.5× floor'],
  ['HTTP ratio to cognito-local', results.http.ratioToCognitoLocal, (v) => v >= 10, '≥ 10×'],
  ['scale latency ratio', results.scale.latencyRatio, (v) => v <= 1.3, '≤ 1.3'],
  ['scale heap per user', results.scale.heapBytesPerUser, (v) => v <= 1024, '≤ 1024 B'],
  ['DynamoDB per ForgotPassword', results.dynamodb.forgotPasswordRequests, (v) => v <= 4, '≤ 4'],
  ['DynamoDB per ConfirmForgotPassword', results.dynamodb.confirmRequests, (v) => v <= 3, '≤ 3'],
  ['PostgreSQL per ForgotPassword', results.postgres.forgotPassword?.roundTrips ?? null, (v) => v <= 3, '≤ 3 round trips'],
  ['PostgreSQL per ConfirmForgotPassword', results.postgres.confirmForgotPassword?.roundTrips ?? null, (v) => v <= 3, '≤ 3 round trips'],
  ['lifecycle median (ours)', results.lifecycle.ours?.medianMs ?? null, (v) => v <= 15, '≤ 15 ms'],
  ['SRP initiate + respond pairs per second', results.lifecycle.srp?.serverPairsPerSec ?? null, (v) => v >= 1000, '≥ 1,000/s'],
];
results.targets = Object.fromEntries(targets.map(([name, value, ok, text]) => [name, { target: text, value, met: value === null ? null : ok(value) }]));

// ---- table ----
const fmt = (v, unit = '') => (v === null || v === undefined ? 'n/a' : `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${unit}`);
const verdict = (name) => {
  const t = results.targets[name];
  return t.met === null ? `${t.target} (n/a)` : `${t.target} ${t.met ? 'met' : 'MISSED'}`;
};
const rows = [
  ['In-process ForgotPassword (ops/s)', fmt(results.inProcess.forgotPasswordOpsPerSec), ''],
  ['In-process floor (ops/s)', fmt(results.inProcess.floorOpsPerSec), ''],
  ['In-process ratio ours/floor', fmt(results.inProcess.ratio, '×'), verdict('in-process ratio')],
  ['ConfirmForgotPassword, scrypt N=16384 (ops/s)', fmt(results.inProcess.confirmOpsPerSec), `hasher alone ${fmt(results.inProcess.hasherOpsPerSec)}/s`],
  [
    'ConfirmForgotPassword, scrypt N=1024 (ops/s)',
    fmt(results.inProcess.confirmOpsPerSecCost1024),
    `hasher alone ${fmt(results.inProcess.hasherOpsPerSecCost1024)}/s`,
  ],
  ['HTTP ours (req/s)', fmt(results.http.oursRps), `p50 ${fmt(results.http.p50Ms, ' ms')}, p99 ${fmt(results.http.p99Ms, ' ms')}`],
  ['HTTP floor: bare node:http (req/s)', fmt(results.http.floorRps), `p50 ${fmt(results.http.floorP50Ms, ' ms')}, p99 ${fmt(results.http.floorP99Ms, ' ms')}`],
  [
    'HTTP cognito-local (req/s)',
    fmt(results.http.cognitoLocalRps),
    `p50 ${fmt(results.http.cognitoLocalP50Ms, ' ms')}, p99 ${fmt(results.http.cognitoLocalP99Ms, ' ms')}`,
  ],
  ['HTTP ratio ours/floor', fmt(results.http.ratioToFloor, '×'), verdict('HTTP ratio to floor')],
  ['HTTP ratio ours/cognito-local', fmt(results.http.ratioToCognitoLocal, '×'), verdict('HTTP ratio to cognito-local')],
  [
    `Scale p50, ${fmt(results.scale.smallUsers)} vs ${fmt(results.scale.largeUsers)} users (µs)`,
    `${fmt(results.scale.smallP50Us)} / ${fmt(results.scale.largeP50Us)}`,
    '',
  ],
  ['Scale latency ratio', fmt(results.scale.latencyRatio, '×'), verdict('scale latency ratio')],
  ['Scale heap per user (bytes)', fmt(results.scale.heapBytesPerUser), verdict('scale heap per user')],
  ['DynamoDB requests per ForgotPassword', fmt(results.dynamodb.forgotPasswordRequests), verdict('DynamoDB per ForgotPassword')],
  ['DynamoDB requests per ConfirmForgotPassword', fmt(results.dynamodb.confirmRequests), verdict('DynamoDB per ConfirmForgotPassword')],
];
// PostgreSQL: median / p99 per call (one at a time) and round trips, against a bare `SELECT 1` on the same pool.
const pgRow = (label, m, target) =>
  m === null
    ? [label, 'n/a', target === undefined ? '' : verdict(target)]
    : [
        label,
        `${fmt(m.medianMs)} / ${fmt(m.p99Ms)} ms`,
        `${fmt(m.roundTrips)} round trip${m.roundTrips === 1 ? '' : 's'}, ${fmt(m.timesFloor, '×')} floor${target === undefined ? '' : `; ${verdict(target)}`}`,
      ];
if (results.postgres.floor !== null) {
  rows.push(
    pgRow('PostgreSQL SELECT 1 floor (median / p99)', results.postgres.floor),
    pgRow('PostgreSQL ForgotPassword (median / p99)', results.postgres.forgotPassword, 'PostgreSQL per ForgotPassword'),
    pgRow('PostgreSQL ConfirmForgotPassword, scrypt N=1024 (median / p99)', results.postgres.confirmForgotPassword, 'PostgreSQL per ConfirmForgotPassword'),
  );
} else if (selected('postgres')) {
  rows.push(['PostgreSQL', 'skipped', results.postgres.reason ?? 'no result']);
}
if (selected('srp'))
  rows.push([
    'SRP server side of one sign-in, b = 128 bytes (ops/s)',
    fmt(results.srp.serverSignInOpsPerSec),
    `srpServerB ${fmt(results.srp.serverBOpsPerSec)}/s, srpServerKey ${fmt(results.srp.serverKeyOpsPerSec)}/s; b = 32 bytes ${fmt(results.srp.serverSignInOpsPerSecB32)}/s`,
  ]);
// The lifecycle: median ms of one boto3 lifecycle (8 calls) per peer, and in-process SRP pairs/s.
if (selected('lifecycle')) {
  const lc = results.lifecycle;
  const lifecycleRow = (label, m, reason, target) => [
    label,
    m === null ? 'n/a' : `${fmt(m.medianMs)} ms`,
    m === null ? (reason ?? 'no result') : `p90 ${fmt(m.p90Ms, ' ms')}${target === undefined ? '' : `; ${verdict(target)}`}`,
  ];
  rows.push(
    lifecycleRow('Lifecycle through boto3, ours (median)', lc.ours, lc.reasons?.ours, 'lifecycle median (ours)'),
    lifecycleRow('Lifecycle through boto3, moto_server (median)', lc.moto, lc.reasons?.moto),
    lifecycleRow('Lifecycle through boto3, cognito-local (median)', lc.cognitoLocal, lc.reasons?.cognitoLocal),
    [
      'In-process SRP initiate + respond (pairs/s)',
      fmt(lc.srp?.serverPairsPerSec),
      `crypto floor ${fmt(lc.srp?.floorPairsPerSec)}/s; ${verdict('SRP initiate + respond pairs per second')}`,
    ],
  );
}
const header = ['metric', 'value', 'target / note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const table = [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
results.table = table;

// ---- SVG: requests/s of the floor, cognito-local and ours ----
function svgChart(bars) {
  const width = 640;
  const barHeight = 36;
  const gap = 16;
  const left = 130;
  const right = 120;
  const top = 48;
  const height = top + bars.length * (barHeight + gap) + 24;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="14">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="26" font-size="16" font-weight="bold">ForgotPassword over HTTP, requests/s (higher is better)</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * (barHeight + gap);
    const w = b.value === null ? 0 : Math.max(2, ((width - left - right) * b.value) / max);
    parts.push(`<text x="${left - 10}" y="${y + barHeight / 2 + 5}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${b.color}" rx="3"/>`);
    parts.push(
      `<text x="${(left + w + 8).toFixed(1)}" y="${y + barHeight / 2 + 5}">${b.value === null ? 'n/a' : Math.round(b.value).toLocaleString('en-US')}</text>`,
    );
  });
  parts.push(
    `<text x="${left}" y="${height - 8}" font-size="11" fill="#555">${esc(`${results.machine.cpus} cores, node ${results.machine.node}, ${results.generatedAt.slice(0, 10)}; 4 keep-alive workers`)}</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
const svg = svgChart([
  { label: 'floor (node:http)', value: results.http.floorRps, color: '#9e9e9e' },
  { label: 'cognito-local', value: results.http.cognitoLocalRps, color: '#e0823d' },
  { label: 'ours', value: results.http.oursRps, color: '#2f6fbf' },
]);

await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(join(resultsDir, 'latest.svg'), svg);

process.stdout.write(`\n${table}\n\n`);
process.stdout.write(
  `machine: ${results.machine.cpus} cores (${results.machine.cpuModel}), node ${results.machine.node}, load average at the end ${results.machine.loadAverageAtEnd.join(' / ')}; ${results.durationSeconds} s in all\n`,
);
if (results.postgres.floor === null && selected('postgres')) process.stdout.write(`PostgreSQL rows skipped: ${results.postgres.reason ?? 'no result'}\n`);
process.stdout.write(`wrote ${join('bench', 'results', 'latest.json')} and ${join('bench', 'results', 'latest.svg')}\n`);
const failed = Object.keys(failures);
if (failed.length > 0) {
  process.stderr.write(`\nsections that failed: ${failed.join(', ')} (their figures are null in the JSON)\n`);
  process.exitCode = 1;
}
