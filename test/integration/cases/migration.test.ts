import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, defaultMigrationsFolder, runMigrations } from '../../../db/client';
import { caseEvents, cases, events } from '../../../db/schema/index';
import { customerCaseView } from '../../../src/lib/cases/queries';
import { runKpiRollups } from '../../../src/lib/reports/rollups';

const dir = mkdtempSync(join(tmpdir(), 'cases-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the cases migration', () => {
  it('turns contact requests into contact-form cases that keep their R- reference, events included', () => {
    // The migrations as they were before cases: the journal up to the cases entry (later ones would mark it as past).
    const before = join(dir, 'before');
    cpSync(defaultMigrationsFolder(), before, { recursive: true });
    const journal = JSON.parse(readFileSync(join(before, 'meta', '_journal.json'), 'utf8'));
    const casesAt = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_cases'));
    journal.entries = journal.entries.slice(0, casesAt);
    writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify(journal));
    const db = createDb(':memory:');
    runMigrations(db, before);
    const raw = db.$client;
    raw.prepare("insert into categories (slug, name_es, name_en) values ('billing', 'Facturación', 'Billing')").run();
    const insert = raw.prepare("insert into contact_requests (id, locale, name, email, subject, body, category_id, visitor_id, status, created_at) values (?, 'es', 'Ana', 'ana@example.com', ?, 'Cuerpo del mensaje', 1, 'visitor0000000001', ?, ?)");
    insert.run(41, 'Cobro doble', 'open', 1000);
    insert.run(42, 'Ya resuelto', 'closed', 2000);
    raw.prepare("insert into events (type, occurred_at, subject_type, subject_id, surface) values ('contact.submitted', 1000, 'contact_request', 41, 'contact_form')").run();
    // The reports had counted the first request.
    raw.prepare("insert into kpi_daily (metric, day, locale, category_id, channel, value) values ('contact_requests', 0, 'es', 1, 'contact_form', 1)").run();
    raw.prepare("insert into kpi_progress (source, last_id, updated_at) values ('contact_requests', 41, 1500)").run();

    runMigrations(db);
    const rows = db.select().from(cases).orderBy(cases.id).all();
    expect(rows.map((r) => [r.legacyRequestId, r.status, r.channel, r.subject, r.closeReason, r.queueId])).toEqual([
      [41, 'new', 'contact_form', 'Cobro doble', null, 1],
      [42, 'closed', 'contact_form', 'Ya resuelto', 'staff', 1],
    ]);
    expect(db.select().from(caseEvents).all().map((e) => e.data)).toEqual([
      { channel: 'contact_form', migratedFrom: 'R-000041' },
      { channel: 'contact_form', migratedFrom: 'R-000042' },
    ]);
    expect(db.select().from(events).get()).toMatchObject({ subjectType: 'case', subjectId: rows[0]!.id });
    expect(raw.prepare("select count(*) n from sqlite_master where name = 'contact_requests'").get()).toEqual({ n: 0 });
    // The reports count the migrated requests as cases opened, once each.
    expect(raw.prepare('select count(*) n from kpi_daily').get()).toEqual({ n: 0 });
    expect(runKpiRollups(db, 5000).read.cases).toBe(2);
    expect(raw.prepare('select metric, day, locale, category_id as c, channel, value from kpi_daily').all()).toEqual([{ metric: 'cases_opened', day: 0, locale: 'es', c: 1, channel: 'contact_form', value: 2 }]);
    // The old reference still finds the case, for the browser that sent it.
    expect(customerCaseView(db, { viewer: null, visitorId: 'visitor0000000001' }, 'R-000041', 5000)?.case).toMatchObject({ reference: 'R-000041', subject: 'Cobro doble' });
  });
});
