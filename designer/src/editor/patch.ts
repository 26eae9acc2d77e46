/** Immutable edits of JSON objects: set keys, and remove those set to `undefined`. */
export function patched(object: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...object, ...patch }).filter(([, v]) => v !== undefined));
}
