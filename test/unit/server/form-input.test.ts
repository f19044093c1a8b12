import { describe, expect, it } from 'vitest';
import { formInput } from '../../../src/web/form-result';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

describe('form fields converted to JSON types', () => {
  it('turns the named fields into numbers (empty: null) and booleans; others stay strings', () => {
    const input = formInput(form({ value: '-1', position: '', parentId: ' 12 ', merge: 'true', confirm: 'on', off: 'false', note: '5' }), { numbers: ['value', 'position', 'parentId', 'absent'], booleans: ['merge', 'confirm', 'off', 'missing'] });
    expect(input).toEqual({ value: -1, position: null, parentId: 12, merge: true, confirm: true, off: false, note: '5' });
  });

  it('leaves what does not convert as typed, for the schema to refuse', () => {
    expect(formInput(form({ value: '1.5', days: '1e3', flag: 'yes' }), { numbers: ['value', 'days'], booleans: ['flag'] })).toEqual({ value: '1.5', days: '1e3', flag: 'yes' });
  });
});
