// What one composition step costs in neverthrow: a 4-step chain of already-settled ResultAsyncs,
// composed with each style the codebase has used. Prints chains per second for each, medians of
// ROUNDS rounds of ROUND_MS each. `node bench/neverthrow-steps.mjs` (about 10 s).
import { ResultAsync, ok, okAsync, safeTry } from 'neverthrow';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_STEP_MS ?? 400);

const step = (n) => okAsync(n + 1);

/** The 4 steps awaited one by one in a plain async function. */
const awaitSteps = async () => {
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const r = await step(n);
    if (r.isErr()) return r;
    n = r.value;
  }
  return ok(n);
};

const styles = {
  'await on Results (plain async function)': awaitSteps,
  'andThen chain': () => step(0).andThen(step).andThen(step).andThen(step),
  'map chain': () =>
    step(0)
      .map((n) => n + 1)
      .map((n) => n + 1)
      .map((n) => n + 1),
  'mapErr chain': () => step(0).mapErr(String).mapErr(String).mapErr(String).mapErr(String),
  'orElse chain': () => step(0).orElse(step).orElse(step).orElse(step),
  safeTry: () =>
    safeTry(async function* () {
      let n = 0;
      for (let i = 0; i < 4; i++) n = yield* step(n);
      return ok(n);
    }),
  'new ResultAsync(async function) once': () => new ResultAsync(awaitSteps()),
};

async function rate(run) {
  let chains = 0;
  const started = performance.now();
  while (performance.now() - started < ROUND_MS) {
    for (let k = 0; k < 500; k++) await run();
    chains += 500;
  }
  return (chains * 1000) / (performance.now() - started);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const name of Object.keys(styles)) results[name] = [];
for (let round = 0; round < ROUNDS; round++) for (const [name, run] of Object.entries(styles)) results[name].push(await rate(run));
const base = median(results['await on Results (plain async function)']);
console.log(
  `neverthrow ${(await import('neverthrow/package.json', { with: { type: 'json' } })).default.version}, node ${process.version}: 4-step chains per second (median of ${ROUNDS})`,
);
for (const [name, rates] of Object.entries(results)) {
  const m = median(rates);
  console.log(`${name.padEnd(42)} ${Math.round(m).toLocaleString('en-US').padStart(10)}  ${(base / m).toFixed(1)}× the cost of awaiting`);
}
