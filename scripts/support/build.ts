import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const INPUTS = ['src', 'public', 'db', 'search', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
export const OUT_DIR = process.env.ASTRO_OUT_DIR ?? 'dist';
const STAMP = `${OUT_DIR}/.build-inputs`;
export const SERVER_ENTRY = `${OUT_DIR}/server/entry.mjs`;
/**
 * Node flags the server runs with (`npm start` passes the same in scripts/bootstrap.sh): V8 let the young generation
 * grow to 128 MB under load, most of the server's RSS; 8 MB semi-spaces keep RSS under 300 MB for no more CPU per
 * request (README, Benchmarks).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    yield* files(join(path, entry.name));
  }
}

/** Hash of everything the server build depends on. */
export function buildInputsHash(root = '.'): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(file);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/** Runs `astro build` unless dist/ was built from exactly these inputs. Returns whether it built. */
export function buildIfNeeded(log: (line: string) => void = console.log): boolean {
  const wanted = buildInputsHash();
  if (existsSync(SERVER_ENTRY) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) {
    log('Build is up to date.');
    return false;
  }
  log('Building the site…');
  const result = spawnSync('astro', ['build'], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('astro build failed');
  writeFileSync(STAMP, wanted);
  return true;
}
