// Evolving a live table: migrate(table, options) and what it reports.

export { migrate } from './migrate.js'
export type { MigrateOptions, MigrateProgress } from './options.js'
export type { MigrateReport, MigrateFailure, MigrateExample, ChangeCounts } from './report.js'
export type { ChangeKind } from './plan.js'
export type { CheckpointStore, CheckpointState, SegmentPosition } from './checkpoint.js'
export type { TallyState } from './report.js'
