/**
 * The JSON Schemas of each node type's data, derived from the definition's zod schemas in
 * workflows/dsl: the forms of wait, approval, end and the other steps are generated from them, so
 * new fields (approval modes, stages, approver kinds) appear without designer changes.
 */
import { z } from 'zod';
import {
  actionNodeSchema,
  approvalNodeSchema,
  decisionNodeSchema,
  endNodeSchema,
  joinNodeSchema,
  parallelNodeSchema,
  startNodeSchema,
  waitNodeSchema,
} from '../../../../workflows/dsl/index.ts';
import type { FlowNodeType } from '../../api/schemas.ts';
import { asSchema, type JsonSchema } from './jsonSchema.ts';

const dataSchemas = {
  start: startNodeSchema.shape.data,
  action: actionNodeSchema.shape.data,
  decision: decisionNodeSchema.shape.data,
  wait: waitNodeSchema.shape.data,
  approval: approvalNodeSchema.shape.data,
  parallel: parallelNodeSchema.shape.data,
  join: joinNodeSchema.shape.data,
  end: endNodeSchema.shape.data,
} satisfies Record<FlowNodeType, z.ZodType>;

const cache = new Map<FlowNodeType, JsonSchema>();

export function dataSchemaOf(type: FlowNodeType): JsonSchema {
  const cached = cache.get(type);
  if (cached) return cached;
  const schema = asSchema(z.toJSONSchema(dataSchemas[type], { io: 'input', unrepresentable: 'any' }));
  cache.set(type, schema);
  return schema;
}
