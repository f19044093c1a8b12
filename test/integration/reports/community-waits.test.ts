import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SqliteDb } from "../../../db/client";
import { businessCalendars } from "../../../db/schema/index";
import type { Actor } from "../../../src/lib/auth/sessions";
import { saveCalendar } from "../../../src/lib/cases/settings";
import { loadCaseSetup } from "../../../src/lib/cases/setup";
import { answerQuestion } from "../../../src/lib/community/answer-question";
import { translator } from "../../../src/lib/i18n/index";
import { parseReportFilters } from "../../../src/lib/reports/filters";
import { formatDuration } from "../../../src/lib/reports/format";
import {
  reportView,
  type ReportView,
} from "../../../src/lib/reports/report-views";
import { rebuildKpiRollups } from "../../../src/lib/reports/rollups";
import { askAt, at } from "../../helpers/cases";
import { createCategory, createMember, createTestDb } from "../../helpers/db";

const H = 3_600_000;
const MIN = 60_000;
const NOW = at("2026-03-16T11:00:00+01:00");
const FILTERS = parseReportFilters(
  { from: "2026-03-02", to: "2026-03-15" },
  NOW,
);
let db: SqliteDb;
let admin: Actor;

/**
 * Three questions timed against the default queue's calendar (Europe/Madrid, 9:00–18:00 on weekdays):
 * - asked Friday 6 March 17:55, answered by a superuser on Monday 09:05: 10 business minutes (about 63 h of wall clock);
 * - asked Monday 9 March 17:00, answered by an agent on Wednesday 10:00: 1 + 9 + 1 = 11 business hours;
 * - asked Thursday 12 March 16:00 and still waiting on Monday 16 March 11:00: censored at 2 + 9 + 2 = 13 business hours.
 */
beforeAll(async () => {
  db = createTestDb();
  createCategory(db, "internet");
  admin = await createMember(db, "admin");
  const asker = await createMember(db);
  const superuser = await createMember(db, "superuser");
  const agent = await createMember(db, "agent");
  const answer = (who: Actor, questionId: number, t: number) =>
    answerQuestion(
      db,
      who,
      questionId,
      { body: "Restart the router holding the button for ten seconds." },
      t,
    );
  answer(
    superuser,
    askAt(db, asker, at("2026-03-06T17:55:00+01:00")).id,
    at("2026-03-09T09:05:00+01:00"),
  );
  answer(
    agent,
    askAt(db, asker, at("2026-03-09T17:00:00+01:00")).id,
    at("2026-03-11T10:00:00+01:00"),
  );
  askAt(db, asker, at("2026-03-12T16:00:00+01:00"));
  rebuildKpiRollups(db, NOW);
});

const values = (view: ReportView) =>
  Object.fromEntries(
    view.kpis.map((k) => [
      k.key,
      { value: k.value, atLeast: k.atLeast ?? null },
    ]),
  );

describe("community waits in business hours through reportView", () => {
  it("time to first answer counts the default queue’s business hours, the waiting question censored at now in business time", () => {
    const community = reportView(
      db,
      "community",
      FILTERS,
      NOW,
      "en",
      translator("en"),
    );
    const k = values(community);
    // Waits 10 min and 11 h answered, 13 h censored: S(10 min) = 2/3, S(11 h) = 1/3 → median 11 h; p90 not reached.
    expect(k.timeToFirstAnswer).toEqual({ value: 11 * H, atLeast: null });
    expect(k.timeToFirstAnswerP90).toEqual({ value: null, atLeast: 13 * H });
    // Nothing accepted: all three censored, the longest from Friday 17:55 (5 min + 45 h of the week + 2 h on Monday).
    expect(k.timeToAcceptedAnswer).toEqual({
      value: null,
      atLeast: 47 * H + 5 * MIN,
    });
    expect(community.notes).toContain("reports.note.businessHours");
    const byResponder = community.tables.find(
      (t) => t.id === "time-to-first-answer-by-responder",
    )!.rows;
    // Staff: the first question's wait ended by the superuser's answer (censored at 10 min), the agent's at 11 h of the 2 left.
    expect(byResponder.find((r) => r.responder === "Staff")).toMatchObject({
      answers: 1,
      median: 11 * H,
      p90: `> ${formatDuration("en", 13 * H)}`,
    });
    const overview = values(
      reportView(db, "overview", FILTERS, NOW, "es", translator("es")),
    );
    expect(overview.timeToFirstAnswer).toEqual({
      value: 11 * H,
      atLeast: null,
    });
  });

  it("the superusers’ response time uses the same measure: 10 business minutes, not 63 hours", () => {
    const k = values(
      reportView(db, "superusers", FILTERS, NOW, "en", translator("en")),
    );
    expect([
      k.superuserResponseTime!.value,
      k.superuserResponseTimeP90!.value,
    ]).toEqual([10 * MIN, 10 * MIN]);
  });

  it("a holiday added to the default queue’s calendar shortens the waits over it", () => {
    const setup = loadCaseSetup(db);
    const calendarId = setup.queues.get(setup.defaultQueueId)!.calendarId;
    const calendar = db
      .select()
      .from(businessCalendars)
      .where(eq(businessCalendars.id, calendarId))
      .get()!;
    saveCalendar(
      db,
      admin,
      calendarId,
      {
        name: calendar.name,
        timeZone: calendar.timeZone,
        weekly: calendar.weekly,
        holidays: ["2026-03-10"],
      },
      NOW,
    );
    const k = values(
      reportView(db, "community", FILTERS, NOW, "en", translator("en")),
    );
    // Tuesday 10 March closed: 1 + 1 = 2 h for the second question; the censored one still 13 h.
    expect([k.timeToFirstAnswer, k.timeToFirstAnswerP90]).toEqual([
      { value: 2 * H, atLeast: null },
      { value: null, atLeast: 13 * H },
    ]);
  });
});
