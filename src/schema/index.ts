// The schema layer: the one adapter over zod's core (`zod/v4/core`). It imports nothing of
// sortkey's; the entity layer and everything above reach zod only through it.

export type { FieldSchema, Input, ObjectSchema, Output, SchemaIssue, SchemaResult, ShapeOf } from './types.js'
export { decodeValue, encodeValue, issuesAt, parseValue } from './adapter.js'
export { acceptsObjects, describeSchema, elementSchema, isStringField, memberRemoval, oneWayTransform, operandSchema, rewriteString, schemaAtPath, unwrap, type FieldInfo, type SchemaInfo } from './fields.js'
export { schemaProblem } from './check.js'
export { pickFields, stringField, versionField, withFields } from './extend.js'
export { epochSeconds, isoDate, wholeSecondsCodecs, type EpochSecondsCodec, type IsoDateCodec } from './codecs.js'
export { fieldNames, reviveJson, storedAttributeType, stringValues, type AttributeType, type StringValues } from './introspect.js'
