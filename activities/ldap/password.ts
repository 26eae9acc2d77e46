/**
 * Setting an LDAP password. By default through the Password Modify extended operation (RFC 3062),
 * which lets the server hash it with its configured scheme; `passwordChange: 'replace'` writes
 * userPassword as given, for servers without the operation (then configure the server to hash).
 * The password is never logged or returned.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Attribute, BerWriter, Change } from 'ldapts';
import { requireByAnchor } from '../directory/accounts.ts';
import { directoryFailure, isResult } from '../directory/errors.ts';
import { generatePassword } from '../directory/passwords.ts';
import type { DirectoryContext } from '../directory/profile.ts';
import type { LdapConfig } from './connector.ts';

const passwordModifyOid = '1.3.6.1.4.1.4203.1.11.1';

/** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0], newPasswd [2] } (RFC 3062 §2). */
export function passwordModifyRequest(dn: string, password: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  writer.writeString(password, 0x82);
  writer.endSequence();
  return writer.buffer;
}

export async function setLdapPassword(ctx: DirectoryContext, config: LdapConfig, anchor: string, given: string | undefined): Promise<{ dn: string; set: true; generated: boolean }> {
  const entry = await requireByAnchor(ctx, anchor);
  const password = given ?? generatePassword();
  try {
    if (config.passwordChange === 'exop') await ctx.session.exop(passwordModifyOid, passwordModifyRequest(entry.dn, password));
    else await ctx.session.modify(entry.dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [password] }) })]);
  } catch (error) {
    if (isResult(error, 'constraintViolation')) {
      throw ApplicationFailure.nonRetryable(`the directory refused the password for ${entry.dn}: it does not meet the password policy`, 'PasswordRejected');
    }
    throw directoryFailure(error, `setting the password of ${entry.dn}`);
  }
  return { dn: entry.dn, set: true, generated: given === undefined };
}
