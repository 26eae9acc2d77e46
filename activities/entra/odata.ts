/**
 * OData values at the Graph boundary. A string literal is quoted with single quotes and a quote
 * inside is written twice; the Microsoft Graph client puts `$filter` into the URL as given, so the
 * whole expression is then percent-encoded (a `&`, `#` or `+` in a value would otherwise cut or
 * change the query).
 */

export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `property eq 'value'`, ready for `.filter()`. */
export function eqFilter(property: string, value: string): string {
  return encodeURIComponent(`${property} eq ${literal(value)}`);
}

/** A path segment (an object id or a userPrincipalName). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
