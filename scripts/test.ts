// npm test: type checks, lint, unit + integration tests, build, browser tests; a summary at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { buildIfNeeded } from './support/build';

interface Step {
  name: string;
  run: () => boolean;
  counts?: () => { passed: number; failed: number; skipped: number };
}

mkdirSync('test-results', { recursive: true });
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit', env }).status === 0;

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

const steps: Step[] = [
  { name: 'astro check', run: () => sh('astro', ['check']) },
  { name: 'tsc', run: () => sh('tsc', ['--noEmit', '-p', 'tsconfig.json']) },
  { name: 'eslint', run: () => sh('eslint', ['.', '--max-warnings=0']) },
  {
    name: 'unit + integration (vitest)',
    run: () => sh('vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']),
    counts: () => {
      const r = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>('test-results/vitest.json');
      return { passed: r?.numPassedTests ?? 0, failed: r?.numFailedTests ?? 0, skipped: (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0) };
    },
  },
  {
    name: 'build',
    run: () => {
      try {
        buildIfNeeded();
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    name: 'browser + HTTP (playwright)',
    run: () => sh('playwright', ['test']),
    counts: () => {
      const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(`test-results/playwright-${process.env.E2E_PORT ?? 4399}.json`);
      return { passed: (r?.stats.expected ?? 0) + (r?.stats.flaky ?? 0), failed: r?.stats.unexpected ?? 0, skipped: r?.stats.skipped ?? 0 };
    },
  },
];

const results: { name: string; ok: boolean; seconds: number }[] = [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = performance.now();
  const ok = step.run();
  results.push({ name: step.name, ok, seconds: (performance.now() - started) / 1000 });
  if (step.counts) {
    const c = step.counts();
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
  if (!ok && step.name === 'build') break;
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.ok ? '✔' : '✘'} ${r.name.padEnd(30)} ${r.seconds.toFixed(1)} s`);
const allOk = results.length === steps.length && results.every((r) => r.ok);
if (!allOk && failed === 0) failed = results.filter((r) => !r.ok).length;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(allOk ? 0 : 1);
