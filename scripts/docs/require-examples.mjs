// TypeDoc plugin: every exported function and class of the package must show an `@example`.
// TypeDoc's own `notDocumented` validation only asks for a comment; this asks for a usable one.
import { Converter, ReflectionKind } from 'typedoc'

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const missing = []
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Function | ReflectionKind.Class)) {
      const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)]
      const hasExample = comments.some((c) => c?.blockTags.some((tag) => tag.tag === '@example'))
      if (!hasExample) missing.push(reflection.getFriendlyFullName())
    }
    for (const name of missing.sort()) app.logger.error(`${name} has no @example in its doc comment`)
  })
}
