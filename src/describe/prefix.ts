// Can a key template produce a key that starts with a given literal? That is what decides
// whether a query narrowed by `begins_with(sk, prefix)` also reads another entity's items.
// Exact: it runs the template's overlap automaton over the prefix, then finds the shortest way
// from there to a whole key, as an example.

import { compileTemplateAutomaton, type KeyRules, type KeyTemplate } from '../keys/index.js'

/** The shortest key `template` can produce that starts with `prefix`, or undefined when there is none. */
export function keyStartingWith(template: KeyTemplate, prefix: string, rules: KeyRules): string | undefined {
  const a = compileTemplateAutomaton(template, rules)
  const classCount = a.otherClass + 1
  const classOf = (ch: string) => a.classOf.get(ch) ?? a.otherClass
  let states = new Set<number>([a.start])
  for (let i = 0; i < prefix.length && states.size > 0; i++) {
    const c = classOf(prefix[i] as string)
    const next = new Set<number>()
    for (const s of states) for (const t of a.next[s]?.[c] ?? []) next.add(t)
    states = next
  }
  if (states.size === 0) return undefined
  // Breadth-first from every state reached, to the nearest accepting state.
  const parent = new Map<number, { from: number; cls: number } | null>()
  const queue: number[] = []
  for (const s of states) {
    parent.set(s, null)
    queue.push(s)
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as number
    if (a.accepting[s]) {
      const tail: string[] = []
      for (let at: number = s, step = parent.get(at); step; at = step.from, step = parent.get(at)) tail.push(charOf(step.cls))
      return prefix + tail.reverse().join('')
    }
    for (let c = 0; c < classCount; c++) {
      for (const t of a.next[s]?.[c] ?? []) {
        if (parent.has(t)) continue
        parent.set(t, { from: s, cls: c })
        queue.push(t)
      }
    }
  }
  return undefined

  function charOf(cls: number): string {
    if (cls < a.alphabet.length) return a.alphabet[cls] as string
    for (const ch of 'xyzqjkvw') if (!a.classOf.has(ch)) return ch
    for (let code = 0x61; ; code++) if (!a.classOf.has(String.fromCharCode(code))) return String.fromCharCode(code)
  }
}
