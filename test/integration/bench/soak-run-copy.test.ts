import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../../db/client';
import { minuteRanges, runCopy } from '../../../scripts/bench/soak';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function prepared(): string {
  const dir = mkdtempSync(join(tmpdir(), 'soak-copy-'));
  dirs.push(dir);
  const path = join(dir, 'soak-10.db');
  const db = createDb(path);
  db.$client.exec('create table answers (id integer primary key)');
  db.$client.exec('insert into answers values (1)');
  db.$client.close();
  return path;
}

const count = (path: string) => {
  const db = createDb(path);
  const n = (db.$client.prepare('select count(*) as n from answers').get() as { n: number }).n;
  db.$client.close();
  return n;
};

describe("the soak's run copy", () => {
  it('starts every run from the prepared data: what a run wrote is gone from the next copy and never reached the prepared file', () => {
    const source = prepared();
    const first = runCopy(source, 4700);
    expect(first).toBe(source.replace(/\.db$/, '-run-4700.db'));
    const db = createDb(first);
    db.$client.exec('insert into answers values (2), (3)');
    db.$client.close();
    expect(count(first)).toBe(3);
    expect(count(source)).toBe(1);
    const second = runCopy(source, 4700);
    expect(second).toBe(first);
    expect(count(second)).toBe(1);
  });

  it('gives runs on other ports their own copy', () => {
    const source = prepared();
    expect(runCopy(source, 4700)).not.toBe(runCopy(source, 4701));
    expect(existsSync(source.replace(/\.db$/, '-run-4701.db'))).toBe(true);
  });
});

describe("the soak's minutes", () => {
  it('are each whole minute of samples, lowest to highest (a sample at 60 s closes the first minute)', () => {
    const samples = [5, 30, 60, 65, 120, 125].map((atS, i) => ({ atS, rssMb: [200, 230, 210, 250, 240, 240][i]! }));
    expect(minuteRanges(samples)).toEqual(['200–230', '240–250', '240']);
  });
});
