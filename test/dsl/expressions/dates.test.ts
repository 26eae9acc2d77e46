import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './helpers.ts';

describe('CDate', () => {
  it.each([
    ['2020-03-16-07:00', '3/16/2020 7:00:00 AM'],
    ['2021-06-30+08:00', '6/29/2021 4:00:00 PM'],
    ['2009-06-15T01:45:30-07:00', '6/15/2009 8:45:30 AM'],
    ['8/25/2021 5:41:18 PM', '8/25/2021 5:41:18 PM'],
    ['2021-08-24', '8/24/2021 12:00:00 AM'],
    ['2020-12-31 23:59:59-08:00', '1/1/2021 7:59:59 AM'],
    ['20240105T101010Z', '1/5/2024 10:10:10 AM'],
  ])("returns UTC for %s (Entra's examples)", async (input, output) => {
    expect(await run('CDate([d])', { d: input })).toBe(output);
  });

  it('rejects text that is not a date, impossible dates included', async () => {
    await expect(run('CDate([d])', { d: '31/02/2024' })).rejects.toMatchObject({
      message: "CDate: expression: '31/02/2024' is not a date/time; use FormatDateTime to read other formats",
      offset: 6,
      end: 9,
    });
    await expect(run('CDate("2024-02-30")')).rejects.toThrow("CDate: expression: '2024-02-30' is not a date/time");
  });

  it('passes a missing value through as null', async () => {
    expect(await run('CDate([d])')).toBeNull();
  });
});

describe('Now', () => {
  it('renders the injected clock in UTC as M/d/yyyy h:mm:ss tt', async () => {
    expect(await run('Now()')).toBe('6/15/2024 1:45:30 PM');
  });
});

describe('DateAdd', () => {
  it.each([
    ['d', 7, '3/23/2012 7:00:00 AM'],
    ['d', -10, '3/6/2012 7:00:00 AM'],
    ['ww', 2, '3/30/2012 7:00:00 AM'],
    ['m', 10, '1/16/2013 7:00:00 AM'],
    ['yyyy', 2, '3/16/2014 7:00:00 AM'],
    ['h', 5, '3/16/2012 12:00:00 PM'],
    ['n', 90, '3/16/2012 8:30:00 AM'],
    ['s', -1, '3/16/2012 6:59:59 AM'],
  ])("adds %s × %i to a Workday hire date (Entra's table)", async (interval, value, output) => {
    expect(await run(`DateAdd("${interval}", ${value}, CDate([StatusHireDate]))`, { StatusHireDate: '2012-03-16-07:00' })).toBe(output);
  });

  it('clamps to the end of shorter months', async () => {
    expect(await run('DateAdd("m", 1, CDate("2024-01-31"))')).toBe('2/29/2024 12:00:00 AM');
  });

  it('accepts date text without CDate and numeric text as the amount', async () => {
    expect(await run('DateAdd("d", [days], "2024-01-01")', { days: '1' })).toBe('1/2/2024 12:00:00 AM');
  });

  it('rejects an unknown interval', async () => {
    await expect(run('DateAdd("q", 1, Now())')).rejects.toThrow("DateAdd: interval must be one of yyyy, m, d, ww, h, n or s, got 'q'");
  });
});

describe('DateDiff', () => {
  it.each([
    ['d', '2021-08-18+08:00', '2021-08-31+08:00', 13],
    ['d', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -3449],
    ['ww', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -493],
    ['m', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -113],
    ['yyyy', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -9],
    ['d', '2021-08-31+08:00', '2021-08-31+08:00', 0],
    ['h', '2021-08-24', '2021-08-25', 24],
    ['n', '2021-08-24', '2021-08-25', 1440],
    ['s', '2021-08-24', '2021-08-25', 86400],
  ])("%s between %s and %s is %i (Entra's table)", async (interval, date1, date2, output) => {
    expect(await run(`DateDiff("${interval}", CDate([d1]), CDate([d2]))`, { d1: date1, d2: date2 })).toBe(output);
  });

  it('counts days from now to a hire date', async () => {
    expect(await run('DateDiff("d", Now(), CDate([StatusHireDate]))', { StatusHireDate: '2024-06-25-07:00' })).toBe(9);
  });
});

describe('DateFromNum and NumFromDate', () => {
  it("reads Active Directory time (Entra's example: 1 January 2012, 11 PM)", async () => {
    expect(await run('DateFromNum(129699324000000000)')).toBe('1/1/2012 11:00:00 PM');
    expect(await run('DateFromNum([lastLogonTimestamp])', { lastLogonTimestamp: '129699324000000000' })).toBe('1/1/2012 11:00:00 PM');
    expect(await run('DateFromNum(0)')).toBe('1/1/1601 12:00:00 AM');
  });

  it('rejects values that are not tick counts', async () => {
    await expect(run('DateFromNum("soon")')).rejects.toThrow("DateFromNum: value must be a whole number of 100 ns ticks, got 'soon'");
  });

  it("builds accountExpires from a Workday end date (Entra's example)", async () => {
    const expression = 'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))';
    expect(await run(expression, { ContractEndDate: '2020-12-31-08:00' })).toBe('132539615990000000');
  });

  it("builds accountExpires from a SuccessFactors end date (Entra's example)", async () => {
    const expression = 'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))';
    expect(await run(expression, { endDate: '12/31/2020 11:59:59 PM' })).toBe('132539615990000000');
  });

  it('round-trips', async () => {
    expect(await run('DateFromNum(NumFromDate("2021-01-01T07:59:59Z"))')).toBe('1/1/2021 7:59:59 AM');
  });
});

describe('FormatDateTime', () => {
  it("converts a ServiceNow-style timestamp (Entra's example), with or without dateTimeStyles", async () => {
    expect(await run('FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { extensionAttribute1: '20150123105347.1Z' })).toBe(
      '2015-01-23',
    );
    expect(await run('FormatDateTime([extensionAttribute1], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { extensionAttribute1: '20150123105347.1Z' })).toBe(
      '2015-01-23',
    );
  });

  it('converts an HR date 20241231 to yyyy-MM-dd', async () => {
    expect(await run('FormatDateTime([hireDate], , "yyyyMMdd", "yyyy-MM-dd")', { hireDate: '20241231' })).toBe('2024-12-31');
  });

  it('names the value and format that do not match', async () => {
    await expect(run('FormatDateTime([d], , "dd/MM/yyyy", "yyyy-MM-dd")', { d: '31/02/2024' })).rejects.toMatchObject({
      message: "FormatDateTime: '31/02/2024' does not match input format 'dd/MM/yyyy'",
      offset: 15,
      end: 18,
      functionName: 'FormatDateTime',
    });
  });

  it('maps .NET output tokens', async () => {
    const expression =
      'FormatDateTime("2024-01-05 14:03:09.1234567", , "yyyy-MM-dd HH:mm:ss.fffffff", "dddd, MMMM d, yyyy h:mm tt | ddd MMM dd | yy y | HH:mm:ss.fff | zzz zz z K")';
    expect(await run(expression)).toBe('Friday, January 5, 2024 2:03 PM | Fri Jan 05 | 24 24 | 14:03:09.123 | +00:00 +00 +0 Z');
  });

  it('drops trailing zeros and the dot for F fractions', async () => {
    expect(await run('FormatDateTime("10:00:00.500", , "HH:mm:ss.fff", "HH:mm:ss.FFF")')).toBe('10:00:00.5');
    expect(await run('FormatDateTime("10:00:00.000", , "HH:mm:ss.fff", "HH:mm:ss.FFF")')).toBe('10:00:00');
  });

  it('fills a time-only input with the date of the injected clock', async () => {
    expect(await run('FormatDateTime("08:30", , "HH:mm", "yyyy-MM-dd HH:mm")')).toBe('2024-06-15 08:30');
  });

  it.each([
    ['o', '2015-01-23T10:53:47.1000000Z'],
    ['s', '2015-01-23T10:53:47'],
    ['u', '2015-01-23 10:53:47Z'],
    ['G', '1/23/2015 10:53:47 AM'],
    ['d', '1/23/2015'],
    ['D', 'Friday, January 23, 2015'],
    ["yyyy'T'MM", '2015T01'],
    ['yyyy\\"-\\"MM', '2015-01'],
    ['yyyy\\\\-MM', '2015-01'],
    ['%d', '23'],
  ])('writes standard and quoted format %s', async (outputFormat, output) => {
    expect(await run(`FormatDateTime("20150123105347.1Z", , "yyyyMMddHHmmss.fZ", "${outputFormat}")`)).toBe(output);
  });

  it('converts offsets in the input to UTC', async () => {
    expect(await run('FormatDateTime("2020-12-31+08:00", , "yyyy-MM-ddzzz", "yyyy-MM-dd HH:mm")')).toBe('2020-12-30 16:00');
    expect(await run('FormatDateTime("1/5/2024 2:03:09 PM", , "M/d/yyyy h:mm:ss tt", "yyyy-MM-ddTHH:mm:ss")')).toBe('2024-01-05T14:03:09');
  });

  it('reads two-digit years in the .NET 1950–2049 window', async () => {
    expect(await run('FormatDateTime("01/02/49", , "dd/MM/yy", "yyyy-MM-dd")')).toBe('2049-02-01');
    expect(await run('FormatDateTime("01/02/50", , "dd/MM/yy", "yyyy-MM-dd")')).toBe('1950-02-01');
  });

  it('trims white space unless dateTimeStyles says otherwise', async () => {
    expect(await run('FormatDateTime("  20241231 ", , "yyyyMMdd", "yyyy-MM-dd")')).toBe('2024-12-31');
    expect(await run('FormatDateTime("  20241231 ", "AllowWhiteSpaces", "yyyyMMdd", "yyyy-MM-dd")')).toBe('2024-12-31');
    await expect(run('FormatDateTime("  20241231 ", "None", "yyyyMMdd", "yyyy-MM-dd")')).rejects.toThrow(
      "FormatDateTime: '  20241231 ' does not match input format 'yyyyMMdd'",
    );
    await expect(run('FormatDateTime("20241231", "sometimes", "yyyyMMdd", "yyyy-MM-dd")')).rejects.toThrow(
      "FormatDateTime: 'sometimes' is not a DateTimeStyles value",
    );
  });

  it('formats DateTime results of other functions directly', async () => {
    expect(await run('FormatDateTime(DateAdd("d", 1, CDate("2024-12-31")), , "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd")')).toBe('2025-01-01');
    expect(await run('FormatDateTime(Now(), , "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd HH:mm:ss")')).toBe('2024-06-15 13:45:30');
  });

  it('reports unusable format strings', async () => {
    await expect(run('FormatDateTime("1", , "FFF", "yyyy")')).rejects.toThrow("FormatDateTime: 'FFF' can be used in an output format but not to read dates");
    await expect(run('FormatDateTime("2024", , "yyyy", "yyyy\'MM")')).rejects.toThrow("FormatDateTime: unterminated quoted text starting at position 5 of 'yyyy'MM'");
    await expect(run('FormatDateTime("14:00 PM", , "HH:mm tt", "yyyy")')).rejects.toThrow("FormatDateTime: 'HH:mm tt' combines fields that contradict each other");
    await expect(run('FormatDateTime("2024", , "yyyy", "x")')).rejects.toThrow("FormatDateTime: 'x' is not a .NET standard date format");
  });

  it('passes a missing source through as null', async () => {
    expect(await run('FormatDateTime([d], , "yyyyMMdd", "yyyy-MM-dd")')).toBeNull();
  });
});

describe('dates do not depend on the host', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('gives the same results in any host time zone', async () => {
    const expression = 'Join("|", CDate("2021-06-30+08:00"), DateAdd("d", 1, "2024-03-09"), FormatDateTime("20241231", , "yyyyMMdd", "yyyy-MM-dd HH:mm zzz"), DateDiff("d", "2024-03-09", "2024-03-11"))';
    const expected = '6/29/2021 4:00:00 PM|3/10/2024 12:00:00 AM|2024-12-31 00:00 +00:00|2';
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata']) {
      process.env.TZ = zone;
      expect(await run(expression), zone).toBe(expected);
    }
  });

  it('never reads the system clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(1999, 11, 31, 23, 59, 59)));
    expect(await run('Join("|", Now(), FormatDateTime("08:30", , "HH:mm", "yyyy-MM-dd"))')).toBe('6/15/2024 1:45:30 PM|2024-06-15');
  });
});
