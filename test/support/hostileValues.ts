/**
 * Values that break naive LDAP code: filter metacharacters, DN specials, non-ASCII, edge spaces,
 * long strings. The directory tests create accounts with them and read back exactly these values.
 */

/** Filter metacharacters: concatenated into a filter, this matches every entry with a uid. */
export const filterInjection = 'a*)(uid=*';

export const hostileNames = {
  comma: "O'Brien, Jr. (Sales)",
  accents: 'Zoë Ñúñez',
  backslash: '\\',
  /** Every RDN special character (RFC 4514 §2.4) in one name. */
  dnSpecials: 'Doe, John + "Jr" \\ <x> ; a=b',
  leadingHash: '#1 Fan',
  edgeSpaces: '  Padded Name  ',
};

/** 300 characters with specials spread through (no line breaks). */
export const longValue = Array.from({ length: 30 }, (_, i) => `${String(i).padStart(2, '0')}(*)\\,+=é`).join('').padEnd(300, 'x').slice(0, 300);
