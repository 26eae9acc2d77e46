/**
 * The OData query options Graph's directory supports on user collections, as documented
 * (https://learn.microsoft.com/graph/query-parameters): `$filter` with `eq` joined by `and`/`or`
 * and parentheses, string literals in single quotes with a quote inside written twice (`''`),
 * `$select`, `$top` (1–999) and server-driven paging through `@odata.nextLink` + `$skiptoken`.
 * A literal that is not escaped is a syntax error here exactly as it is on Graph.
 */
import { GraphFault } from './errors.ts';

export type Literal = string | boolean;
export type Filter = { kind: 'eq'; property: string; value: Literal } | { kind: 'and' | 'or'; left: Filter; right: Filter };

type Token = { kind: 'word' | 'string' | 'open' | 'close'; text: string; at: number };

function syntaxError(message: string, text: string): GraphFault {
  return new GraphFault(400, 'BadRequest', `Invalid filter clause: ${message} in '${text}'.`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === ' ') {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c, at: i });
      i++;
    } else if (c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw syntaxError(`There is an unterminated literal at position ${start}`, text);
        const d = text.charAt(i);
        if (d === "'") {
          if (text.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: 'string', text: value, at: start });
    } else if (/[A-Za-z0-9_.$/-]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_.$/-]/.test(text.charAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), at: start });
    } else {
      throw syntaxError(`Syntax error: character '${c}' is not valid at position ${i}`, text);
    }
  }
  return tokens;
}

/** Parses a `$filter` over the given filterable properties (names compared case-insensitively, as Graph does). */
export function parseFilter(text: string, filterable: readonly string[], resource: string): Filter {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (): never => {
    const t = peek();
    throw syntaxError(`Syntax error at position ${t ? t.at : text.length}`, text);
  };

  const primary = (): Filter => {
    const t = peek();
    if (!t) return fail();
    if (t.kind === 'open') {
      pos++;
      const inner = or();
      if (peek()?.kind !== 'close') fail();
      pos++;
      return inner;
    }
    if (t.kind !== 'word') return fail();
    pos++;
    const property = filterable.find((p) => p.toLowerCase() === t.text.toLowerCase());
    const op = peek();
    if (op?.kind !== 'word' || op.text.toLowerCase() !== 'eq') {
      if (op?.kind === 'word' && /^(ne|gt|ge|lt|le|in)$/i.test(op.text)) {
        throw new GraphFault(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${t.text}' of resource '${resource}'.`);
      }
      return fail();
    }
    pos++;
    const v = peek();
    if (!v) return fail();
    pos++;
    if (!property) throw new GraphFault(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${t.text}' of resource '${resource}'.`);
    if (v.kind === 'string') return { kind: 'eq', property, value: v.text };
    if (v.kind === 'word' && (v.text === 'true' || v.text === 'false')) return { kind: 'eq', property, value: v.text === 'true' };
    return fail();
  };
  const and = (): Filter => {
    let left = primary();
    while (peek()?.kind === 'word' && peek()?.text.toLowerCase() === 'and') {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Filter => {
    let left = and();
    while (peek()?.kind === 'word' && peek()?.text.toLowerCase() === 'or') {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const filter = or();
  if (pos !== tokens.length) fail();
  return filter;
}

/** Directory string comparisons are case-insensitive. */
export function matches(filter: Filter, read: (property: string) => unknown): boolean {
  if (filter.kind !== 'eq') {
    return filter.kind === 'and' ? matches(filter.left, read) && matches(filter.right, read) : matches(filter.left, read) || matches(filter.right, read);
  }
  const actual = read(filter.property);
  if (typeof filter.value === 'boolean') return actual === filter.value;
  return typeof actual === 'string' && actual.toLowerCase() === filter.value.toLowerCase();
}

export interface ListQuery {
  filter: Filter | undefined;
  select: string[] | undefined;
  top: number;
  skip: number;
}

/**
 * Reads `$filter`, `$select`, `$top` and `$skiptoken`. Graph may answer fewer items than `$top`
 * asks and promise the rest through nextLink; `maxPageSize` plays that part.
 */
export function listQuery(query: URLSearchParams, filterable: readonly string[], resource: string, paging: { pageSize: number; maxPageSize: number }): ListQuery {
  const filterText = query.get('$filter');
  const topText = query.get('$top');
  let top = paging.pageSize;
  if (topText !== null) {
    top = Number(topText);
    if (!Number.isInteger(top) || top < 1 || top > 999) {
      throw new GraphFault(400, 'Request_BadRequest', `Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`);
    }
  }
  const token = query.get('$skiptoken');
  let skip = 0;
  if (token !== null) {
    skip = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(skip) || skip < 0) throw new GraphFault(400, 'Directory_ExpiredPageToken', 'The specified page token value has expired and can no longer be included in your request.');
  }
  return {
    filter: filterText === null ? undefined : parseFilter(filterText, filterable, resource),
    select: selectList(query),
    top: Math.min(top, paging.maxPageSize),
    skip,
  };
}

export function selectList(query: URLSearchParams): string[] | undefined {
  const text = query.get('$select');
  return text === null ? undefined : text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** One page of `items`, with the nextLink Graph adds when more remain: the original query plus `$skiptoken`. */
export function page<T>(items: T[], q: ListQuery, url: URL): { value: T[]; nextLink?: string } {
  const value = items.slice(q.skip, q.skip + q.top);
  if (q.skip + q.top >= items.length) return { value };
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((p) => p.length > 0 && !/^(\$|%24)skiptoken=/i.test(p));
  kept.push(`$skiptoken=${Buffer.from(`offset:${q.skip + q.top}`).toString('base64url')}`);
  return { value, nextLink: `${url.origin}${url.pathname}?${kept.join('&')}` };
}
