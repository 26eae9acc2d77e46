import { afterEach, describe, expect, it, vi } from 'vitest';
import { run, seededRandom } from './helpers.ts';

const UPN_RULES = `SelectUniqueValue(
    Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"),
    Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
    Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")
)`;

function directory(taken: readonly string[]): { isUnique: (value: string) => Promise<boolean>; checked: string[] } {
  const checked: string[] = [];
  return {
    checked,
    isUnique: (value) => {
      checked.push(value);
      return Promise.resolve(!taken.includes(value));
    },
  };
}

describe('SelectUniqueValue', () => {
  const john = { PreferredFirstName: 'John', PreferredLastName: 'Smith' };

  it("returns the first rule's value when it is free (Entra's UPN example)", async () => {
    const { isUnique, checked } = directory([]);
    expect(await run(UPN_RULES, john, { isUnique })).toBe('John.Smith@contoso.com');
    expect(checked).toEqual(['John.Smith@contoso.com']);
  });

  it('falls through to the second candidate when the first is taken', async () => {
    const { isUnique, checked } = directory(['John.Smith@contoso.com']);
    expect(await run(UPN_RULES, john, { isUnique })).toBe('J.Smith@contoso.com');
    expect(checked).toEqual(['John.Smith@contoso.com', 'J.Smith@contoso.com']);
  });

  it('falls through to the third candidate when two are taken', async () => {
    const { isUnique } = directory(['John.Smith@contoso.com', 'J.Smith@contoso.com']);
    expect(await run(UPN_RULES, john, { isUnique })).toBe('Jo.Smith@contoso.com');
  });

  it('fails, naming the candidates, when all are taken (Entra escrows the entry)', async () => {
    const { isUnique } = directory(['John.Smith@contoso.com', 'J.Smith@contoso.com', 'Jo.Smith@contoso.com']);
    await expect(run(UPN_RULES, john, { isUnique })).rejects.toMatchObject({
      message: "SelectUniqueValue: every candidate is already taken: 'John.Smith@contoso.com', 'J.Smith@contoso.com', 'Jo.Smith@contoso.com'",
      offset: 0,
      functionName: 'SelectUniqueValue',
    });
  });

  it('normalizes diacritics and spaces in candidates', async () => {
    const { isUnique } = directory([]);
    expect(await run(UPN_RULES, { PreferredFirstName: 'Jéssica Ana', PreferredLastName: 'Smith' }, { isUnique })).toBe('JessicaAna.Smith@contoso.com');
  });

  it('skips empty candidates and checks each distinct candidate once', async () => {
    const { isUnique, checked } = directory(['a']);
    expect(await run('SelectUniqueValue([missing], [a], [a], "b")', { a: 'a' }, { isUnique })).toBe('b');
    expect(checked).toEqual(['a', 'b']);
  });

  it('can fall back to a random suffix, deterministically', async () => {
    const expression = 'SelectUniqueValue([mailNickname], Join("", [mailNickname], RandomString(4, 4, 0, 0, 0)))';
    const first = await run(expression, { mailNickname: 'jdoe' }, { ...directory(['jdoe']), random: seededRandom(7) });
    const again = await run(expression, { mailNickname: 'jdoe' }, { ...directory(['jdoe']), random: seededRandom(7) });
    expect(first).toMatch(/^jdoe\d{4}$/);
    expect(again).toBe(first);
  });

  it('needs a uniqueness check from the context', async () => {
    await expect(run(UPN_RULES, john)).rejects.toThrow('SelectUniqueValue: this expression needs a uniqueness check: pass isUnique in the ExpressionContext');
  });

  it('lets failures of the uniqueness check through unchanged, for retries', async () => {
    const outage = new Error('directory unavailable');
    await expect(run(UPN_RULES, john, { isUnique: () => Promise.reject(outage) })).rejects.toBe(outage);
  });
});

describe('RandomString', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('meets the minimums of Entra example 1: 3 digits and 3 lower-case letters', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const value = await run('RandomString(6,3,0,0,3)', {}, { random: seededRandom(seed) });
      expect(value).toMatch(/^[0-9a-z]{6}$/);
      expect(String(value).replace(/\D/g, '')).toHaveLength(3);
    }
  });

  it('meets the minimums of Entra example 2 and avoids the given characters', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const value = String(await run('RandomString(10,2,2,2,1,"?,")', {}, { random: seededRandom(seed) }));
      expect(value).toHaveLength(10);
      expect(value.replace(/\D/g, '').length).toBeGreaterThanOrEqual(2);
      expect(value.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2);
      expect(value.replace(/[^a-z]/g, '').length).toBeGreaterThanOrEqual(1);
      expect(value.replace(/[A-Za-z0-9]/g, '').length).toBeGreaterThanOrEqual(2);
      expect(value).not.toMatch(/[?,]/);
    }
  });

  it('gives the same string for the same PRNG and never touches Math.random', async () => {
    const spy = vi.spyOn(Math, 'random');
    const a = await run('RandomString(12,2,2,2,2)', {}, { random: seededRandom(99) });
    const b = await run('RandomString(12,2,2,2,2)', {}, { random: seededRandom(99) });
    const c = await run('RandomString(12,2,2,2,2)', {}, { random: seededRandom(100) });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    // Pinned: a change here changes every password a replayed workflow would generate.
    expect(a).toBe('62"a>VV:8)cA');
    expect(spy).not.toHaveBeenCalled();
  });

  it('rejects impossible requests', async () => {
    await expect(run('RandomString(300,0,0,0,0)')).rejects.toThrow('RandomString: Length must be between 1 and 256, got 300');
    await expect(run('RandomString(4,2,2,2,0)')).rejects.toThrow('RandomString: the minimums add up to 6, more than Length 4');
    await expect(run('RandomString(4,1,0,0,0,"0123456789")')).rejects.toThrow('RandomString: CharactersToAvoid excludes every character MinimumNumbers needs');
    await expect(run('RandomString(4,-1,0,0,0)')).rejects.toThrow('RandomString: MinimumNumbers must not be negative, got -1');
  });

  it('rejects a PRNG that leaves [0, 1)', async () => {
    await expect(run('RandomString(4,0,0,0,0)', {}, { random: () => 1 })).rejects.toThrow(
      "RandomString: the context's random() returned 1; it must return numbers in [0, 1)",
    );
  });
});

describe('Guid', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('generates version-4 GUIDs from the injected PRNG', async () => {
    const a = await run('Guid()', {}, { random: seededRandom(1) });
    expect(a).toMatch(V4);
    expect(await run('Guid()', {}, { random: seededRandom(1) })).toBe(a);
    expect(a).toBe('a00087fb-f747-4cb8-adfe-747d23673f27');
  });

  it('gives different GUIDs within one evaluation', async () => {
    const [first, second] = String(await run('Join("|", Guid(), Guid())')).split('|');
    expect(first).toMatch(V4);
    expect(second).toMatch(V4);
    expect(first).not.toBe(second);
  });
});

describe('DefaultDomain', () => {
  it("builds a UPN with the tenant's domain (Entra's example)", async () => {
    expect(await run('Join("@", [mailNickname], DefaultDomain())', { mailNickname: 'jdoe' }, { defaultDomain: 'contoso.com' })).toBe('jdoe@contoso.com');
  });

  it('fails clearly when no domain is configured', async () => {
    await expect(run('DefaultDomain()')).rejects.toThrow('DefaultDomain: no default domain is configured: pass defaultDomain in the ExpressionContext');
  });
});
