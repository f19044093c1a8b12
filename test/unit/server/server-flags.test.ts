import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_ENV_DEFAULTS, SERVER_NODE_FLAGS } from '../../../scripts/support/build';

const MB = 1024 * 1024;

describe("the server's memory settings", () => {
  it('are ones this Node takes: the heap limit follows the old-space flag and glibc gets the arena limit', () => {
    const out = execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', "console.log(JSON.stringify({ limit: require('node:v8').getHeapStatistics().heap_size_limit, arenas: process.env.MALLOC_ARENA_MAX }))"], {
      env: { ...process.env, ...SERVER_ENV },
      encoding: 'utf8',
    });
    const { limit, arenas } = JSON.parse(out) as { limit: number; arenas: string };
    // 384 MB of old space plus the young generation's 8 MB semi-spaces; without the flags V8 takes ~4 GB here.
    expect(limit).toBeGreaterThanOrEqual(384 * MB);
    expect(limit).toBeLessThan(512 * MB);
    expect(arenas).toBe(process.env.MALLOC_ARENA_MAX ?? '2');
  });

  it('are the same for `npm start` as for the bench servers', () => {
    const startLine = readFileSync('scripts/bootstrap.sh', 'utf8')
      .split('\n')
      .find((line) => line.trim().startsWith('start)'))!;
    for (const flag of SERVER_NODE_FLAGS) expect(startLine).toContain(` ${flag} `);
    for (const [name, value] of Object.entries(SERVER_ENV_DEFAULTS)) expect(startLine).toContain(`${name}="\${${name}:-${value}}"`);
  });
});
