// TypeDoc plugin for the sortkey site.
// - Every exported function and class of the package must show an `@example`: TypeDoc's own
//   `notDocumented` validation only asks for a comment, this asks for a usable one.
// - A guide's title in the navigation is its `# Title` line, not its file name, and guides are
//   grouped under "Guides" (other pages under "Contributing"), so a new file in docs/guides/
//   needs no configuration. Pages are listed in the order the site's home page (the `readme`)
//   links them; pages it does not link come after, by file name.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Converter, ReflectionKind } from 'typedoc'

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const text = document.content.map((part) => part.text).join('')
    const title = /^#\s+(.+)$/m.exec(text)?.[1]?.replaceAll('`', '').trim()
    if (title) document.name = title
    if (document.frontmatter.group === undefined) {
      document.frontmatter.group = /(^|\/)guides\//.test(app.files.getReflectionPath(document) ?? '') ? 'Guides' : 'Contributing'
    }
  })

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const home = resolve(app.options.getValue('readme'))
    const linked = [...readFileSync(home, 'utf8').matchAll(/\]\(([^)#\s]+\.md)/g)].map((m) => resolve(dirname(home), m[1]))
    const rank = (document) => {
      const at = linked.indexOf(resolve(app.files.getReflectionPath(document) ?? ''))
      return at === -1 ? linked.length : at
    }
    // documents take each other's places; declarations stay where they are
    const reorder = (list) => {
      const documents = (list ?? []).filter((r) => r.isDocument()).sort((a, b) => rank(a) - rank(b))
      list?.forEach((r, i) => r.isDocument() && (list[i] = documents.shift()))
    }
    reorder(context.project.documents)
    reorder(context.project.childrenIncludingDocuments)
  })

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
