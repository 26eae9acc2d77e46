/**
 * `<connector>.freeValues`: what SelectUniqueValue asks a target for a whole step at once — which
 * of the candidate values (of one or more attributes) no other account holds yet. One declaration
 * per connector that can answer, made here so AD, LDAP and Entra ID ask alike.
 */
import { z } from 'zod';
import { declareAction } from './declare.ts';
import { anchor } from './directory.ts';
import type { ConnectorKind } from './declare.ts';

/** At most this many candidates in one question (a step's unique parameters times the candidates of a round). */
export const maxFreeValueChecks = 100;

export function declareFreeValues<const A extends readonly [string, ...string[]]>(options: { connector: ConnectorKind; target: string; attributes: A; anchored: boolean }) {
  const check = z.strictObject({ attribute: z.enum(options.attributes), value: z.string().min(1).max(1024) });
  const checks = z.array(check).min(1).max(maxFreeValueChecks);
  return declareAction({
    id: `${options.connector}.freeValues`,
    label: `Which ${options.target} values are free`,
    description: `Which of the candidate values no ${options.target} holds yet, each checked as its own isValueFree would (${options.attributes.join(', ')}), all in one step: what SelectUniqueValue asks for every unique parameter of a step at once.${options.anchored ? ' A value held by the account with `anchor` counts as free, so a rerun keeps its own.' : ''}`,
    category: 'Accounts',
    connector: options.connector,
    input: options.anchored ? z.strictObject({ checks, anchor: anchor.optional() }) : z.strictObject({ checks }),
    output: z.strictObject({ free: z.array(z.boolean()) }),
    undoable: false,
  });
}
