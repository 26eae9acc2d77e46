/**
 * The workflow language: what a definition is, how it is checked, compiled and walked. Pure
 * TypeScript with no I/O; the designer, the server and the workflows all import it.
 */
export * from './schema.ts';
export * from './catalog/index.ts';
export * from './handles.ts';
export * from './problems.ts';
export * from './validate.ts';
export * from './compile.ts';
export * from './contracts.ts';
export * from './dates.ts';
export * from './rules.ts';
export * from './ruleOperators.ts';
export * from './status.ts';
export * from './scheduler.ts';
export * from './params.ts';
export * from './approvers.ts';
export * from './approvalTally.ts';
export * from './businessDays.ts';
export * from './hr.ts';
export * from './personState.ts';
export * from './runReport.ts';
export * from './accounts.ts';
export * from './effective.ts';
