// The one error this layer throws. Expressions know nothing of entities or operations, so the
// entity layer catches it and wraps it with that context (it is a programming error: a
// malformed path, an empty condition, an update touching one path twice).

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExpressionError'
  }
}
