/**
 * Setting an AD password: an administrative reset of unicodePwd, the password in double quotes
 * encoded as UTF-16LE (MS-ADTS 3.1.1.3.1.5.2), over TLS. pwdLastSet 0 makes the person choose a new
 * one at next sign-in; -1 marks the password as just set. The password is never logged or returned.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Attribute, Change } from 'ldapts';
import { requireByAnchor } from '../directory/accounts.ts';
import { directoryFailure, isResult } from '../directory/errors.ts';
import { generatePassword } from '../directory/passwords.ts';
import type { DirectoryContext } from '../directory/profile.ts';

export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

export async function setAdPassword(ctx: DirectoryContext, anchor: string, given: string | undefined, mustChange: boolean): Promise<{ dn: string; set: true; generated: boolean }> {
  const entry = await requireByAnchor(ctx, anchor);
  // A generated password can, rarely, contain a part of the person's name, which AD's complexity
  // rule refuses: draw again a few times.
  const attempts = given === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const password = given ?? generatePassword();
    try {
      await ctx.session.modify(entry.dn, [
        new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }) }),
        new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdLastSet', values: [mustChange ? '0' : '-1'] }) }),
      ]);
      return { dn: entry.dn, set: true, generated: given === undefined };
    } catch (error) {
      const refused = isResult(error, 'constraintViolation') || isResult(error, 'unwillingToPerform');
      if (refused && attempt < attempts) continue;
      if (refused) {
        throw ApplicationFailure.nonRetryable(
          `the domain refused the password for ${entry.dn}: it does not meet the password policy (length, complexity, history)${given === undefined ? '' : '; give a stronger one, or leave it out to have one generated'}`,
          'PasswordRejected',
        );
      }
      throw directoryFailure(error, `setting the password of ${entry.dn}`);
    }
  }
}
