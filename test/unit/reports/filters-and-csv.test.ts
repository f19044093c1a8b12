import { describe, expect, it } from 'vitest';
import { csvCell, csvLines, CSV_BOM } from '../../../src/lib/reports/csv';
import { DAY_MS, filtersQuery, parseReportFilters } from '../../../src/lib/reports/filters';
import { DomainError } from '../../../src/lib/errors';

const NOW = Date.UTC(2026, 2, 15, 13, 30);

function fieldsOf(input: Record<string, unknown>) {
  try {
    parseReportFilters(input, NOW);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INVALID');
    return (e as DomainError).fields;
  }
  throw new Error('expected INVALID');
}

describe('report filters', () => {
  it('default to the last 30 days, today included, compared with the 30 before', () => {
    const f = parseReportFilters({}, NOW);
    expect(f.period).toEqual({ from: Date.UTC(2026, 1, 14), to: Date.UTC(2026, 2, 16) });
    expect(f.previous).toEqual({ from: Date.UTC(2026, 0, 15), to: Date.UTC(2026, 1, 14) });
    expect(filtersQuery(f)).toEqual({ from: '2026-02-14', to: '2026-03-15' });
  });
  it('a one-day range and every filter', () => {
    const f = parseReportFilters({ from: '2026-03-01', to: '2026-03-01', locale: 'en', category: 'billing', channel: 'widget' }, NOW);
    expect(f.period.to - f.period.from).toBe(DAY_MS);
    expect(f.previous).toEqual({ from: Date.UTC(2026, 1, 28), to: Date.UTC(2026, 2, 1) });
    expect([f.locale, f.category, f.channel]).toEqual(['en', 'billing', 'widget']);
  });
  it('empty values mean "all"', () => {
    expect(parseReportFilters({ locale: '', category: '', channel: '', from: '', to: '' }, NOW).locale).toBeNull();
  });
  // [input, expected field errors, why]
  const bad: [Record<string, unknown>, Record<string, string>, string][] = [
    [{ from: '2026-03-10', to: '2026-03-01' }, { to: 'reports.field.inverted' }, 'inverted range'],
    [{ from: '2024-01-01', to: '2026-03-01' }, { to: 'reports.field.tooLong' }, 'more than 366 days'],
    [{ to: '2026-03-16' }, { to: 'reports.field.future' }, 'ends after today'],
    [{ from: '1999-12-31', to: '2000-01-02' }, { from: 'reports.field.tooEarly' }, 'before 2000'],
    [{ from: '2026-02-30' }, { from: 'reports.field.date' }, 'a day that does not exist'],
    [{ from: "2026-01-01' or 1=1" }, { from: 'reports.field.date' }, 'SQL in a date'],
    [{ locale: 'fr' }, { locale: 'reports.field.locale' }, 'unknown locale'],
    [{ category: '../etc' }, { category: 'reports.field.category' }, 'a category that is not a slug'],
    [{ channel: 'phone' }, { channel: 'reports.field.channel' }, 'unknown channel'],
    [{ utm_source: 'x', from: '2026-03-01' }, { _: 'reports.field.unknown' }, 'an unknown filter'],
  ];
  it.each(bad)('refuses %o with a field error (%s)', (input, fields) => {
    expect(fieldsOf(input)).toEqual(fields);
  });
  it('names the unknown filters', () => {
    try {
      parseReportFilters({ foo: '1', bar: '2' }, NOW);
    } catch (e) {
      expect((e as DomainError).fieldVars._).toEqual({ names: 'foo, bar' });
    }
  });
  it('accepts exactly 366 days', () => {
    expect(() => parseReportFilters({ from: '2025-03-15', to: '2026-03-15' }, NOW)).not.toThrow();
  });
});

describe('CSV export cells', () => {
  // [value, cell, why]
  const table: [string | number | null, string, string][] = [
    ['plain', 'plain', 'nothing to escape'],
    ['a,b', '"a,b"', 'a comma is quoted'],
    ['say "hi"', '"say ""hi"""', 'quotes doubled'],
    ['two\nlines', '"two\nlines"', 'a newline is quoted'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"', 'formula neutralised, then quoted'],
    ['+1', "'+1", 'plus'],
    ['-2+3', "'-2+3", 'minus'],
    ['@SUM(A1)', "'@SUM(A1)", 'at sign'],
    ['\tcmd', "'\tcmd", 'tab'],
    [-5, '-5', 'a number stays a number'],
    [0.25, '0.25', 'fractions as is'],
    [null, '', 'no value'],
  ];
  it.each(table)('%j → %j (%s)', (value, cell) => expect(csvCell(value)).toBe(cell));
  it('lines end in CRLF and the file starts with a BOM', () => {
    const text = [...csvLines(['query', 'searches'], [['=cmd', 3]])].join('');
    expect(text).toBe(`${CSV_BOM}query,searches\r\n'=cmd,3\r\n`);
  });
});
