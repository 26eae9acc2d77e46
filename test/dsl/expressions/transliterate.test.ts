/**
 * Transliterate: names in every script written in ASCII Latin letters, emoji dropped, text that is
 * already ASCII left alone.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('Transliterate', () => {
  it('writes Chinese, Japanese, Korean, Cyrillic, Greek, Arabic and Devanagari names in ASCII', async () => {
    const cases: [string, string][] = [
      ['王芳', 'WangFang'],
      ['やまだ', 'yamada'],
      ['김민준', 'GimMinJun'],
      ['Иван Петров', 'Ivan Petrov'],
      ['Γιώργος', 'Giorgos'],
      ['محمد', 'mhmd'],
      ['प्रिया', 'priya'],
    ];
    for (const [name, ascii] of cases) expect(await run('Transliterate([name])', { name })).toBe(ascii);
  });

  it('drops emoji, their joiners and skin tones instead of spelling them out', async () => {
    expect(await run('Transliterate([name])', { name: '😀' })).toBe('');
    expect(await run('Transliterate([name])', { name: '👩🏽‍💻 Ana 🇩🇪' })).toBe(' Ana ');
  });

  it('leaves ASCII as it is, punctuation included, and a missing value missing', async () => {
    expect(await run('Transliterate("O\'Brien-Smith $1")')).toBe("O'Brien-Smith $1");
    expect(await run('Transliterate([missing])')).toBeNull();
  });

  it('after NormalizeDiacritics keeps Entra\'s spellings of Latin letters', async () => {
    expect(await run('Transliterate(NormalizeDiacritics("Øster Straße Zoë"))')).toBe('OEster Strasse Zoe');
  });
});
