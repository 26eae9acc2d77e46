/**
 * Seeds the built-in lifecycle templates (joiner, mover, leaver, rehire, manager link) as editable drafts on
 * start. A template is created only when no definition has its id: an admin's edits, a published
 * template and a template the admin renamed are never touched. Drafts are not published, so nothing
 * runs until an admin has pointed the connections and settings at their systems and published.
 */
import { definitionSchema, type Definition, type DefinitionInput } from '../../workflows/dsl/index.ts';
import { Conflict, NotFound, type DefinitionStore } from '../db/definitions.ts';
import { joinerTemplate } from './joiner.ts';
import { leaverTemplate } from './leaver.ts';
import { managerLinkTemplate } from './managerLink.ts';
import { moverTemplate } from './mover.ts';
import { rehireTemplate } from './rehire.ts';

/** Every built-in template, as the draft it is seeded as. */
export function builtInTemplates(): Definition[] {
  const templates: DefinitionInput[] = [joinerTemplate(), moverTemplate(), leaverTemplate(), rehireTemplate(), managerLinkTemplate()];
  return templates.map((t) => definitionSchema.parse(t));
}

/** Creates the templates that do not exist yet; returns the ids it created. */
export async function seedTemplates(definitions: Pick<DefinitionStore, 'get' | 'create'>, actor = 'system:templates'): Promise<string[]> {
  const created: string[] = [];
  for (const template of builtInTemplates()) {
    try {
      await definitions.get(template.id);
      continue;
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
    }
    try {
      await definitions.create(template, actor);
      created.push(template.id);
    } catch (error) {
      // Another process seeded it between the look-up and the insert: it exists, which is the goal.
      if (!(error instanceof Conflict)) throw error;
    }
  }
  return created;
}
