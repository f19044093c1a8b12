import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../../db/client';
import { inOneRead } from '../../../db/prepared';

describe('inOneRead', () => {
  it('runs the reads in one transaction of the connection: one snapshot, whatever another connection commits meanwhile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'one-read-'));
    try {
      const db = createDb(join(dir, 'db.sqlite'));
      const other = createDb(join(dir, 'db.sqlite'));
      db.$client.exec('create table t (n integer); insert into t values (1)');
      const count = () => (db.$client.prepare('select count(*) as n from t').get() as { n: number }).n;
      const seen = inOneRead(db, () => {
        expect(db.$client.inTransaction).toBe(true);
        const before = count();
        other.$client.exec('insert into t values (2)');
        // Inside a transaction already, it just runs.
        return [before, inOneRead(db, count)];
      });
      expect(seen).toEqual([1, 1]);
      expect(db.$client.inTransaction).toBe(false);
      expect(count()).toBe(2);
      db.$client.close();
      other.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
