// Expressions: conditions, filters, updates and projections compiled to placeholder text.
// Pure; the entity and query layers create one context per request and send its maps.

export { compileCondition } from './condition.js'
export { createContext, expressionParams } from './context.js'
export type { ContextOptions, ExpressionContext, ExpressionParams } from './context.js'
export { ExpressionError } from './error.js'
export type { AttributePath } from './path.js'
export { compileProjection } from './projection.js'
export type { AttributeType, Combinators, Condition, NestedPathConditions, Operators } from './types.js'
export { attr, attributeType, beginsWith, between, contains, eq, exists, gt, gte, isOperator, lt, lte, ne, notExists, oneOf, operator, size } from './operators.js'
export type { AnyFieldOperator, AttributeRef, BeginsWith, Comparison, Contains, Operator, OperatorName, OperatorObject } from './operators.js'
export { compileUpdate } from './update.js'
export type { UpdateSpec } from './update.js'
export { compileKeyCondition, givenSortRun } from './key-condition.js'
export type { IndexKeys, KeyConditionSpec, KeyEquality, RawSortKey, SortCondition, SortKeySpec, SortOperator } from './key-condition.js'
export { templateScope, type TemplateSortKey } from './key-bounds.js'
export { EVERY_KEY, hull, prefixRange, sortTest, contains as rangeContains, type KeyRange, type SortTest } from './key-range.js'
export { compareKeys, successor, lastKeyWith, predecessor, utf8Length, MAX_SORT_KEY_BYTES } from './key-order.js'
