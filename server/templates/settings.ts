/**
 * The settings every template starts with: run variables an admin edits once per organisation (the
 * UPN suffix, where the OUs live, who hears about a person without a manager). They are steps of
 * the template, not server configuration, so a simulation shows them and a revision pins them.
 */
import type { ParamValue } from '../../workflows/dsl/index.ts';
import { DEFAULT_OU, departmentOus, mappingVariables } from '../../workflows/dsl/mappings.ts';
import type { Canvas } from './canvas.ts';

export const templateSettings = {
  upnSuffix: { name: mappingVariables.upnSuffix, label: 'Setting: UPN and email suffix', value: 'example.com', description: 'The domain after the @ of new sign-in names and email addresses; it must be a verified domain of the Entra tenant.' },
  directoryBase: { name: mappingVariables.directoryBase, label: 'Setting: directory base DN', value: 'DC=example,DC=com', description: `The DN the department OUs (${[...Object.values(departmentOus), DEFAULT_OU].join(', ')}) are under.` },
  helpdeskMailbox: {
    name: 'helpdeskMailbox',
    label: 'Setting: helpdesk mailbox',
    value: 'it-helpdesk@example.com',
    description: 'Gets the notifications of people whose manager HR does not name (managerEmail), and sends Temporary Access Passes (a mailbox of the Entra tenant).',
  },
  licenseSkuIds: {
    name: 'licenseSkuIds',
    label: 'Setting: licenses to remove',
    value: ['6fd2c87f-b296-42f0-b197-1e91e994b900'] satisfies ParamValue,
    description: 'The SKU ids of the licenses a leaver loses (Office 365 E3 by default); a license the person does not have counts as removed.',
  },
} as const;

export type SettingName = keyof typeof templateSettings;

/** Adds the settings as the first steps, one per row from `row`; returns their ids in order. */
export function addSettings(canvas: Canvas, names: readonly SettingName[], column: number, row: number): string[] {
  return names.map((key, i) => {
    const s = templateSettings[key];
    return canvas.setting(`setting-${key}`, s.label, s.name, s.value, column, row + i, s.description);
  });
}
