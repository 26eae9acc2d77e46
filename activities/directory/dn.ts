/**
 * Distinguished names (RFC 4514): building RDNs from outside values, and reading the DNs servers
 * return so an entry can be moved or renamed keeping the rest of its name.
 *
 * We escape RDN values ourselves instead of with ldapts' DN/RDN classes because of two gaps there:
 * ldapts quotes a value with a leading or trailing space (the RFC 2253 legacy form that RFC 4514
 * parsers refuse) without escaping a leading '#', and its modifyDN splits the new DN at the first
 * comma not preceded by a backslash, which cuts a value ending in an escaped backslash ("a\\,")
 * in the wrong place. Writing every special character as a hex pair (`\2C`, `\5C`, …) is valid
 * RFC 4514 and leaves no literal comma or backslash-comma in a value, so both problems vanish.
 */

export interface AttributeValueAssertion {
  type: string;
  value: string;
}
/** An RDN: usually one assertion, several for a multi-valued RDN (`cn=a+uid=b`). */
export type Rdn = AttributeValueAssertion[];

const specials = new Set(['"', '+', ',', ';', '<', '>', '\\', '=', '\0']);

function hex(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((b) => `\\${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Escapes a value for use in an RDN: specials anywhere, '#' or space first, space last. */
export function escapeDnValue(value: string): string {
  // Code points: surrogate pairs stay whole; only ASCII specials are ever escaped.
  const chars = Array.from(value);
  return chars
    .map((c, i) => {
      if (specials.has(c)) return hex(c);
      if (i === 0 && (c === '#' || c === ' ')) return hex(c);
      if (i === chars.length - 1 && c === ' ') return hex(c);
      return c;
    })
    .join('');
}

export function formatRdn(rdn: Rdn): string {
  return rdn.map((a) => `${a.type}=${escapeDnValue(a.value)}`).join('+');
}

/** `type=value,parent` with the value escaped. */
export function childDn(type: string, value: string, parent: string): string {
  return `${formatRdn([{ type, value }])},${parent}`;
}

/**
 * Parses a DN into its RDNs, unescaping values (`\XX` hex pairs as UTF-8 bytes, `\c`, legacy
 * quoted values). Throws on a malformed DN. A `#`-prefixed BER value is kept as written.
 */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  let rdn: Rdn = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`"${dn}" is not a valid distinguished name: ${why}`);
  };
  while (i < dn.length) {
    while (dn[i] === ' ') i++;
    const eq = dn.indexOf('=', i);
    if (eq < 0) fail('an RDN has no "="');
    const type = dn.slice(i, eq).trim();
    if (!/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)*)$/.test(type)) fail(`"${type}" is not an attribute type`);
    i = eq + 1;
    const bytes: number[] = [];
    const push = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
    if (dn[i] === '#') {
      const end = dn.slice(i).search(/[,;+]/);
      push(end < 0 ? dn.slice(i) : dn.slice(i, i + end));
      i = end < 0 ? dn.length : i + end;
    } else if (dn[i] === '"') {
      i++;
      while (i < dn.length && dn[i] !== '"') {
        if (dn[i] === '\\') i++;
        push(dn[i] ?? fail('a quoted value ends with "\\"'));
        i++;
      }
      if (dn[i] !== '"') fail('a quoted value is not closed');
      i++;
      while (dn[i] === ' ') i++;
    } else {
      while (i < dn.length && !',;+'.includes(dn[i] ?? '')) {
        const c = dn[i] ?? '';
        if (c === '\\') {
          const pair = dn.slice(i + 1, i + 3);
          if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
            bytes.push(parseInt(pair, 16));
            i += 3;
          } else {
            const escaped = String.fromCodePoint(dn.codePointAt(i + 1) ?? fail('the DN ends with "\\"'));
            push(escaped);
            i += 1 + escaped.length;
          }
        } else {
          const char = String.fromCodePoint(dn.codePointAt(i) ?? 0);
          push(char);
          i += char.length;
        }
      }
    }
    rdn.push({ type, value: Buffer.from(bytes).toString('utf8') });
    const separator = dn[i];
    i++;
    if (separator !== '+') {
      rdns.push(rdn);
      rdn = [];
    }
    if (separator !== undefined && i >= dn.length) fail('it ends with a separator');
  }
  if (rdn.length > 0) rdns.push(rdn);
  return rdns;
}

export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map(formatRdn).join(',');
}

/** The first RDN of a DN, re-escaped, and the DN of its parent. */
export function splitDn(dn: string): { rdn: Rdn; parent: string } {
  const [first, ...rest] = parseDn(dn);
  if (!first) throw new Error(`"${dn}" is not a valid distinguished name: it is empty`);
  return { rdn: first, parent: formatDn(rest) };
}

/** Whether two DNs name the same entry, comparing types and values without regard to case (as AD and most schemas do). */
export function sameDn(a: string, b: string): boolean {
  const norm = (dn: string) => parseDn(dn).map((r) => r.map((x) => `${x.type.toLowerCase()}=${x.value.toLowerCase()}`).sort().join('+')).join(',');
  return norm(a) === norm(b);
}

/** Whether the text has the shape of a DN (`type=…`), as opposed to a plain name. */
export function looksLikeDn(text: string): boolean {
  try {
    return /^[A-Za-z][A-Za-z0-9-]*=/.test(text) && parseDn(text).length > 0;
  } catch {
    return false;
  }
}
