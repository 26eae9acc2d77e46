/**
 * The parameters of the steps that create a person's accounts, shared by the Joiner and the Rehire
 * (reprovision) templates so both create the same accounts from the same default mappings. The AD
 * account and the app take the UPN the Entra ID step chose (`createEntra`), so all three agree.
 */
import type { ParamValue } from '../../workflows/dsl/index.ts';
import { COMMON_NAME, DISPLAY_NAME, MAIL, MAIL_NICKNAME, OU_BY_DEPARTMENT, SAM_ACCOUNT_NAME, USER_PRINCIPAL_NAME } from '../../workflows/dsl/mappings.ts';
import { expr, optional } from './canvas.ts';

/** Accounts are anchored on the HR employee id. */
export const anchor = expr('[employeeId]');
/** The UPN the `createEntra` step created the user with. */
export const createdUpn = expr('[steps.createEntra.userPrincipalName]');

export function entraUserParams(accountEnabled: boolean): Record<string, ParamValue> {
  return {
    userPrincipalName: expr(USER_PRINCIPAL_NAME),
    mail: expr(MAIL),
    mailNickname: expr(MAIL_NICKNAME),
    displayName: expr(DISPLAY_NAME),
    givenName: optional('givenName'),
    surname: optional('surname'),
    jobTitle: optional('title'),
    department: optional('department'),
    officeLocation: optional('location'),
    employeeType: optional('employeeType'),
    employeeId: anchor,
    accountEnabled,
  };
}

export const adAccountParams: Record<string, ParamValue> = {
  anchor,
  name: expr(COMMON_NAME),
  ou: expr(OU_BY_DEPARTMENT),
  sAMAccountName: expr(SAM_ACCOUNT_NAME),
  userPrincipalName: createdUpn,
  mail: createdUpn,
  displayName: expr(DISPLAY_NAME),
  givenName: optional('givenName'),
  sn: optional('surname'),
  department: optional('department'),
  title: optional('title'),
  employeeType: optional('employeeType'),
  physicalDeliveryOfficeName: optional('location'),
};

export const appAccountParams: Record<string, ParamValue> = {
  userName: createdUpn,
  externalId: anchor,
  displayName: expr(DISPLAY_NAME),
  givenName: optional('givenName'),
  familyName: optional('surname'),
  title: optional('title'),
  department: optional('department'),
  email: createdUpn,
  active: true,
};

/** Who gets the app: everyone but contractors. */
export const appScopeRules = [{ outcome: 'inScope', label: 'Everyone but contractors', conditions: { all: [{ fact: 'employeeType', operator: 'notEqual', value: 'Contractor' }] } }];
