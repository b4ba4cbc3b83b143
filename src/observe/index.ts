// Observability: what each access pattern costs, from the hooks every request goes through.

export { createCostReport, defaultLabel, type CostHint, type CostReport, type CostReportOptions, type CostRow } from './cost-report.js'
