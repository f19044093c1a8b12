import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const INPUTS = ['src', 'public', 'db', 'search', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
export const OUT_DIR = process.env.ASTRO_OUT_DIR ?? 'dist';
const STAMP = `${OUT_DIR}/.build-inputs`;
export const SERVER_ENTRY = `${OUT_DIR}/server/entry.mjs`;
/**
 * Node flags the server runs with (`npm start` passes the same in scripts/bootstrap.sh; a unit test compares them).
 * Under load V8 let the young generation grow to 128 MB and kept the old space reserved at 3–4× what it used: 8 MB
 * semi-spaces, and an old-space limit of 384 MB, which makes V8 grow the old space by ~1.35× its live size after a
 * full GC instead of up to 4× (the server uses 30–60 MB of it; the limit also holds for each search worker's heap).
 * README, Benchmarks: the soak.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=384'];
/**
 * glibc's malloc settings for the server, each unless set already (`npm start` sets the same in scripts/bootstrap.sh).
 * glibc gives each thread that allocates its own arena (up to 16 on 2 cores: search workers, libuv's pool, V8's GC
 * threads) and memory freed in one arena is not reused by another: 2 arenas. Blocks of 64 KB and more (rendered pages,
 * a search worker's buffers) are mapped on their own and given back when freed, rather than left as holes in the
 * heap (glibc's default threshold climbs to 32 MB after the first such block is freed); the heap's free top is given
 * back past 128 KB.
 */
export const SERVER_ENV_DEFAULTS: Record<string, string> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_TRIM_THRESHOLD_: '131072' };
export const SERVER_ENV: Record<string, string> = Object.fromEntries(Object.entries(SERVER_ENV_DEFAULTS).map(([name, value]) => [name, process.env[name] ?? value]));

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
