/**
 * HR inbound hygiene, the one place every channel shares (workflows/dsl/hr.ts): text that cannot be
 * stored or holds control characters is refused with the field named; names are cleaned (NFC,
 * trimmed, one space between words) and only the cleaned value is kept; employee ids are trimmed
 * and refused when empty or holding control or format characters.
 */
import { describe, expect, it } from 'vitest';
import { attributesSchema, employeeIdSchema, hrEventSchema } from '../../workflows/dsl/index.ts';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => [i.path.map(String).join('.'), i.message]);

describe('HR attribute hygiene', () => {
  it('keeps names trimmed, in NFC, with runs of whitespace made one space', () => {
    const parsed = attributesSchema.parse({
      givenName: '  Zoe\u0308  ',
      surname: 'van\u00a0 der\u3000\u3000Berg',
      displayName: ' Zoë   van der Berg ',
      groups: ['  Sales ', 'North   West'],
      costCenter: 4130,
      active: true,
      middleName: null,
    });
    expect(parsed).toEqual({ givenName: 'Zoë', surname: 'van der Berg', displayName: 'Zoë van der Berg', groups: ['Sales', 'North West'], costCenter: 4130, active: true, middleName: null });
    expect(parsed.givenName).toBe('Zo\u00eb');
  });

  it('clears a value of only spaces to the empty string', () => {
    expect(attributesSchema.parse({ title: '   ' })).toEqual({ title: '' });
  });

  it('refuses control characters in values, tab and line breaks included, naming the attribute', () => {
    const result = hrEventSchema.safeParse({ eventId: 'e1', type: 'hire', employeeId: 'E1', attributes: { givenName: 'Ann', surname: 'Multi\nLine', title: 'a\tb', department: 'x\u0085y', tags: ['ok', 'b\u0007'] } });
    expect(issues(result)).toEqual([
      ['attributes.surname', 'holds the control character U+000A (line feed) at position 6; no control character is accepted here, tab and line breaks included'],
      ['attributes.title', 'holds the control character U+0009 (tab) at position 2; no control character is accepted here, tab and line breaks included'],
      ['attributes.department', 'holds the control character U+0085 at position 2; no control character is accepted here, tab and line breaks included'],
      ['attributes.tags.1', 'holds the control character U+0007 at position 2; no control character is accepted here, tab and line breaks included'],
    ]);
  });

  it('refuses text that cannot be stored: NUL and unpaired surrogates', () => {
    expect(issues(attributesSchema.safeParse({ givenName: 'a\u0000b', surname: '\ud800', title: 'x\udc00y' }))).toEqual([
      ['givenName', 'holds a NUL character (U+0000) at position 2, which no field accepts'],
      ['surname', 'holds an unpaired UTF-16 surrogate (U+D800) at position 1: not valid Unicode, and nothing can store it; send well-formed UTF-8'],
      ['title', 'holds an unpaired UTF-16 surrogate (U+DC00) at position 2: not valid Unicode, and nothing can store it; send well-formed UTF-8'],
    ]);
    // Characters outside the Basic Multilingual Plane are surrogate pairs, and fine.
    expect(attributesSchema.parse({ nickName: '😀 𝔘𝔫𝔦' })).toEqual({ nickName: '😀 𝔘𝔫𝔦' });
  });

  it('keeps format characters a script needs inside a name (the zero-width non-joiner of Persian)', () => {
    expect(attributesSchema.parse({ givenName: 'می\u200cخواهم' }).givenName).toBe('می\u200cخواهم');
  });

  it('refuses attribute names with control or format characters, and a date refused for its characters is not echoed', () => {
    expect(issues(attributesSchema.safeParse({ 'given\u200bName': 'x', '': 'y', hireDate: '2024\u0000-01-01' }))).toEqual([
      ['hireDate', 'holds a NUL character (U+0000) at position 5, which no field accepts'],
      ['given\u200bName', 'the attribute name holds the invisible format character U+200B at position 6; remove it'],
      ['', 'an attribute name has 1 to 200 characters'],
    ]);
  });
});

describe('employee ids', () => {
  it('trims them and puts them in NFC', () => {
    expect(employeeIdSchema.parse('  E-1001 ')).toBe('E-1001');
    expect(employeeIdSchema.parse('Jose\u0301')).toBe('Jos\u00e9');
  });

  it('refuses one that is only a byte-order mark, or only spaces', () => {
    expect(issues(employeeIdSchema.safeParse('\ufeff'))).toEqual([
      ['', 'the employee id holds the invisible format character U+FEFF (byte-order mark) at position 1; remove it'],
      ['', 'the employee id is empty (or only spaces)'],
    ]);
    expect(issues(employeeIdSchema.safeParse('   '))).toEqual([['', 'the employee id is empty (or only spaces)']]);
  });

  it('refuses control and format characters anywhere in it', () => {
    expect(issues(employeeIdSchema.safeParse('E\u200b1'))).toEqual([['', 'the employee id holds the invisible format character U+200B at position 2; remove it']]);
    expect(issues(employeeIdSchema.safeParse('E1\n'))).toEqual([['', 'the employee id holds the control character U+000A (line feed) at position 3; no control character is accepted here, tab and line breaks included']]);
    expect(issues(employeeIdSchema.safeParse('E\ud8001'))).toEqual([['', 'the employee id holds an unpaired UTF-16 surrogate (U+D800) at position 2: not valid Unicode, and nothing can store it; send well-formed UTF-8']]);
  });

  it('is what an HR event carries, cleaned', () => {
    const event = hrEventSchema.parse({ eventId: 'e1', type: 'update', employeeId: ' E7 ', attributes: { title: ' Lead  Engineer ' } });
    expect(event).toEqual({ eventId: 'e1', type: 'update', employeeId: 'E7', attributes: { title: 'Lead Engineer' } });
    expect(issues(hrEventSchema.safeParse({ eventId: 'e\u0000', type: 'update', employeeId: 'E7' }))).toEqual([['eventId', 'holds a NUL character (U+0000) at position 2, which no field accepts']]);
  });
});
