/**
 * SCIM filters and PATCH paths built with scim2-parse-filter's serializer, which writes every
 * compared value as a JSON string (RFC 7644 §3.4.2.2): quotes, backslashes and `or` inside a value
 * stay inside the string. Never concatenate an outside value into a filter.
 */
import { stringify } from 'scim2-parse-filter';

/** `attribute eq "value"` */
export function equals(attribute: string, value: string): string {
  return stringify({ op: 'eq', attrPath: attribute, compValue: value });
}

/** `attribute[sub eq "value"]`: a value path selecting entries of a multi-valued attribute. */
export function valuePath(attribute: string, sub: string, value: string): string {
  return stringify({ op: '[]', attrPath: attribute, valFilter: { op: 'eq', attrPath: sub, compValue: value } });
}

/** `id eq "group" and members[value eq "user"]`: Entra's membership check, without reading every member. */
export function memberOf(groupId: string, userId: string): string {
  return stringify({
    op: 'and',
    filters: [
      { op: 'eq', attrPath: 'id', compValue: groupId },
      { op: '[]', attrPath: 'members', valFilter: { op: 'eq', attrPath: 'value', compValue: userId } },
    ],
  });
}
