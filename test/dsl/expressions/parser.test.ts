import { describe, expect, it } from 'vitest';
import { expressionFunctions, parseExpression, referencedAttributes, type Expr } from '../../../workflows/dsl/expressions/index.ts';
import { MAX_TREE_DEPTH } from '../../../workflows/dsl/expressions/parser.ts';
import { parseError } from './helpers.ts';

function ast(source: string): Expr {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.ast;
}

describe('parseExpression builds a tree with source spans', () => {
  it('parses a call with string and attribute arguments and records offsets', () => {
    expect(ast('Join("@", [givenName], "contoso.com")')).toEqual({
      type: 'call',
      name: 'Join',
      start: 0,
      end: 37,
      args: [
        { type: 'string', value: '@', start: 5, end: 8 },
        { type: 'attribute', name: 'givenName', start: 10, end: 21 },
        { type: 'string', value: 'contoso.com', start: 23, end: 36 },
      ],
    });
  });

  it('matches function names case-insensitively and stores the canonical spelling', () => {
    expect(ast('jOiN("-", [a], [b])')).toMatchObject({ type: 'call', name: 'Join' });
    expect(ast('normalizediacritics([a])')).toMatchObject({ name: 'NormalizeDiacritics' });
  });

  it('unescapes \\" and \\\\ in strings and keeps other backslashes for regex patterns', () => {
    expect(ast('"Company name: \\"Contoso\\" \\\\ HQ"')).toMatchObject({ type: 'string', value: 'Company name: "Contoso" \\ HQ' });
    expect(ast('"\\\\+(?<isdCode>\\\\d* )"')).toMatchObject({ value: '\\+(?<isdCode>\\d* )' });
    expect(ast('"\\d{10}"')).toMatchObject({ value: '\\d{10}' });
  });

  it('accepts whitespace, tabs and newlines between any tokens', () => {
    expect(ast('  Join (\n\t"-" ,\r\n   [a]  ,[b]\n)  ')).toMatchObject({ name: 'Join', args: [{ value: '-' }, { name: 'a' }, { name: 'b' }] });
  });

  it('keeps left-out arguments as empty slots', () => {
    const tree = ast('Replace([mail], "@contoso.com", , ,"", ,)');
    expect(tree).toMatchObject({ name: 'Replace' });
    expect(tree.type === 'call' ? tree.args.map((arg) => arg.type) : []).toEqual(['attribute', 'string', 'empty', 'empty', 'string', 'empty', 'empty']);
  });

  it('distinguishes no arguments from one left-out argument', () => {
    expect(ast('Guid()')).toMatchObject({ name: 'Guid', args: [] });
    expect(ast('Now( )')).toMatchObject({ name: 'Now', args: [] });
  });

  it('reads decimal, negative and VBA hexadecimal numbers', () => {
    expect(ast('DateAdd("d", -10, Now())')).toMatchObject({ args: [{}, { type: 'number', value: -10, raw: '-10' }, {}] });
    expect(ast('1.5')).toMatchObject({ type: 'number', value: 1.5 });
    expect(ast('BitAnd(&HF, &hf7)')).toMatchObject({ args: [{ value: 15, raw: '&HF' }, { value: 247, raw: '&Hf7' }] });
  });

  it('reads True and False in any case as booleans', () => {
    expect(ast('IIF(TRUE, "a", false)')).toMatchObject({ args: [{ type: 'boolean', value: true }, {}, { type: 'boolean', value: false }] });
  });

  it('reads comparison operators and & concatenation with & binding tighter', () => {
    expect(ast('IIF([country]="USA",[country],[department])')).toMatchObject({
      args: [{ type: 'binary', operator: '=', left: { name: 'country' }, right: { value: 'USA' }, start: 4, end: 19 }, {}, {}],
    });
    for (const operator of ['<>', '<', '<=', '>', '>=']) {
      expect(ast(`[a] ${operator} 5`)).toMatchObject({ type: 'binary', operator });
    }
    expect(ast('"t-" & [alias] = [x]')).toMatchObject({ operator: '=', left: { operator: '&' } });
  });

  it('reads attribute names with URNs, dots, dashes and underscores', () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department';
    expect(ast(`[${urn}]`)).toEqual({ type: 'attribute', name: urn, start: 0, end: urn.length + 2 });
    expect(ast('[steps.create-user.dn]')).toMatchObject({ name: 'steps.create-user.dn' });
    expect(ast('[extension_1a2b_employee_id]')).toMatchObject({ name: 'extension_1a2b_employee_id' });
    expect(ast('[ givenName ]')).toMatchObject({ name: 'givenName' });
  });

  it('reads enumeration names such as vbTextCompare as constants', () => {
    expect(ast('InStr("repEated", "e", 3, VBBINARYCOMPARE)')).toMatchObject({ args: [{}, {}, {}, { type: 'constant', name: 'vbBinaryCompare' }] });
  });

  it('accepts parentheses for grouping', () => {
    expect(ast('(("a"))')).toMatchObject({ type: 'string', value: 'a' });
  });
});

describe('parseExpression reports actionable errors with their position', () => {
  it.each([
    ['Jion("@", [a], [b])', "unknown function 'Jion' at line 1, column 1 (did you mean Join?)", 0],
    ['Join("@",\n  Lefft([a], 1))', "unknown function 'Lefft' at line 2, column 3 (did you mean Left?)", 12],
    ['Join("@",\r\n  Foo([a]))', "unknown function 'Foo' at line 2, column 3", 13],
    ['Join("@")', 'Join needs at least 2 arguments, got 1, at line 1, column 1 (Join(separator, source1, source2, …))', 0],
    ['Left("abc", 1, 2)', 'Left takes exactly 2 arguments, got 3, at line 1, column 1 (Left(String, NumChars))', 0],
    ['Guid(1)', 'Guid takes exactly 0 arguments, got 1, at line 1, column 1 (Guid())', 0],
    ['ToLower([a], "en-US", "x")', 'ToLower takes at most 2 arguments, got 3, at line 1, column 1 (ToLower(source[, culture]))', 0],
    [
      'Switch([a], "d", "k", "v", "k2")',
      'Switch needs source, defaultValue and then key/value pairs, so an even number of arguments; got 5, at line 1, column 1 (Switch(source, defaultValue, key1, value1, key2, value2, …))',
      0,
    ],
    ['Join("@, [a])', 'unterminated string starting at line 1, column 6: add the closing "', 5],
    ['Join("@", [givenName)', 'unterminated attribute reference starting at line 1, column 11: add the closing ]', 10],
    ['Join("@", [])', 'empty attribute reference [] at line 1, column 11: write the attribute name inside the brackets', 10],
    ['[given name]', 'attribute names cannot contain a space, found at line 1, column 7', 6],
    ['[employee#]', "attribute names cannot contain '#', found at line 1, column 10", 9],
    ['Join("@", [a, [b])', "attribute names cannot contain ',', found at line 1, column 13 (is a ] missing?)", 12],
    ['Join("@", [a]', "expected ')' to close Join( opened at line 1, column 1, but the expression ended at line 1, column 14", 13],
    ['Join("@" [a])', "expected ',' or ')' after argument 1 of Join at line 1, column 10, found [a]", 9],
    ['Join("@", [a]))', "unexpected ')' at line 1, column 15 after the end of the expression (is there one ')' too many?)", 14],
    ['Join("a", [b]) Join("c", [d])', "unexpected 'Join' at line 1, column 16 after the end of the expression", 15],
    ['"a", "b"', "unexpected ',' at line 1, column 4 after the end of the expression (arguments go inside a function call)", 3],
    ['', 'the expression is empty', 0],
    [' \n\t ', 'the expression is empty', 0],
    ['Join("@", [a]) #', "unexpected character '#' at line 1, column 16", 15],
    ["Join('@', [a])", "unexpected character ''' (text goes in double quotes) at line 1, column 6", 5],
    ['Left(, 3)', 'argument 1 of Left is left empty at line 1, column 6; it is required (Left(String, NumChars))', 5],
    ['Join("@", [a], )', 'argument 3 of Join is left empty at line 1, column 16; it is required (Join(separator, source1, source2, …))', 15],
    ['Join(SelectUniqueValue("a", "b"), "x")', 'SelectUniqueValue at line 1, column 6 must be the outermost function; it cannot be used inside Join', 5],
    ['SelectUniqueValue("a", "b") = "a"', "SelectUniqueValue at line 1, column 1 must be the outermost function; it cannot be used inside the '=' operator", 0],
    ['Now', 'Now at line 1, column 1 is a function: write Now(…)', 0],
    ['givenName', "unknown name 'givenName' at line 1, column 1 (attributes are written in brackets: [givenName])", 0],
    ['InStr("a", "b", 1, vbTextCompar)', "unknown name 'vbTextCompar' at line 1, column 20 (did you mean vbTextCompare?)", 19],
    ['IIF([a] = , "x", "y")', "expected a value after '=' at line 1, column 11, found ','", 10],
    ['[a] = = [b]', "expected a value after '=' at line 1, column 7, found '='", 6],
    ['"a" &', "expected a value after '&' at line 1, column 6, found the end of the expression", 5],
    ['(', 'expected a value but the expression ended at line 1, column 2', 1],
    ['("a"', "expected ')' at line 1, column 5 to close the '(' opened at line 1, column 1, found the end of the expression", 4],
    [',', "expected a value at line 1, column 1, found ','", 0],
  ])('%j', (source, message, offset) => {
    const error = parseError(source);
    expect(error.message).toBe(message);
    expect(error.offset).toBe(offset);
  });

  it('gives 1-based line and column alongside the offset', () => {
    expect(parseError('Join("@",\n  Lefft([a], 1))')).toEqual({
      message: "unknown function 'Lefft' at line 2, column 3 (did you mean Left?)",
      offset: 12,
      line: 2,
      column: 3,
    });
  });

  it("rejects expressions longer than Entra's 10,000 characters", () => {
    const error = parseError(`"${'a'.repeat(10_000)}"`);
    expect(error).toMatchObject({ message: 'the expression is 10002 characters long; the limit is 10000', offset: 10_000 });
  });

  it('rejects pathological nesting instead of overflowing the stack', () => {
    const error = parseError(`${'Trim('.repeat(70)}[a]${')'.repeat(70)}`);
    expect(error).toMatchObject({ message: 'the expression nests deeper than 64 levels at line 1, column 321', offset: 320 });
  });

  it('limits the depth of a chain of operators, which nests without any parenthesis', () => {
    const chain = (n: number) => Array.from({ length: n }, () => '"a"').join(' & ');
    expect(parseExpression(chain(MAX_TREE_DEPTH)).ok).toBe(true);
    expect(parseError(chain(MAX_TREE_DEPTH + 1)).message).toBe(
      `the expression is more than ${MAX_TREE_DEPTH} operations deep at line 1, column 7 (each '&' or comparison in a chain counts as one); split it into shorter parts`,
    );
    expect(parseError(Array.from({ length: 3000 }, () => '1').join('=')).message).toMatch(/^the expression is more than 256 operations deep at line 1, column \d+/);
  });
});

describe('referencedAttributes', () => {
  it('lists every attribute once, sorted', () => {
    const tree = ast('SelectUniqueValue(Join("@", [sn], [givenName]), Join("@", Mid([givenName], 1, 1), [sn]), IIF([b] = [a], [sn], "x"))');
    expect(referencedAttributes(tree)).toEqual(['a', 'b', 'givenName', 'sn']);
  });

  it('is empty for constant expressions', () => {
    expect(referencedAttributes(ast('Guid()'))).toEqual([]);
  });
});

describe('expressionFunctions', () => {
  it('lists the implemented functions with designer metadata, sorted by name', () => {
    const names = expressionFunctions.map((f) => f.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    expect(names).toEqual([
      'Append', 'BitAnd', 'CBool', 'CDate', 'CStr', 'Coalesce', 'ConvertFromBase64', 'ConvertToBase64', 'ConvertToUTF8Hex', 'Count',
      'DNComponent', 'DateAdd', 'DateDiff', 'DateFromNum', 'DefaultDomain', 'Error', 'FormatDateTime', 'Guid', 'IIF',
      'IgnoreFlowIfNullOrEmpty', 'InStr', 'IsNull', 'IsNullOrEmpty', 'IsPresent', 'IsString', 'Item', 'Join', 'Left', 'Len', 'Mid',
      'NormalizeDiacritics', 'Not', 'Now', 'NumFromDate', 'PCase', 'RandomString', 'Redact', 'RemoveDuplicates', 'Replace',
      'SelectUniqueValue', 'SingleAppRoleAssignment', 'Split', 'StripSpaces', 'Switch', 'ToLower', 'ToUpper', 'Transliterate', 'Trim', 'Word',
    ]);
    expect(expressionFunctions.find((f) => f.name === 'Join')).toEqual({
      name: 'Join',
      signature: 'Join(separator, source1, source2, …)',
      description: 'Joins the non-empty source values, every value of a multi-valued one included, with separator.',
      minArgs: 2,
      maxArgs: null,
    });
    expect(Object.isFrozen(expressionFunctions)).toBe(true);
  });

  it('accepts every function called with its minimum number of arguments', () => {
    for (const f of expressionFunctions) {
      const args = Array.from({ length: f.minArgs }, () => '"x"').join(', ');
      expect(parseExpression(`${f.name}(${args})`).ok, f.name).toBe(true);
    }
  });
});
