import { describe, expect, it } from 'vitest'
import { commands, run } from '../../../src/cli/run.js'

function io() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), stderr: process.stderr } }
}

describe('run', () => {
  it('lists every command in the main help', async () => {
    const { out, io: streams } = io()
    expect(await run(['--help'], streams)).toBe(0)
    for (const command of commands) expect(out[0]).toContain(`  ${command.spec.name}`)
  })

  it('prints help per command and per group, and the version', async () => {
    const a = io()
    expect(await run(['schema', 'load', '--help'], a.io)).toBe(0)
    expect(a.out[0]).toMatch(/^Usage: sortkey schema load <model> \[options\]/)
    const b = io()
    expect(await run(['schema', '--help'], b.io)).toBe(0)
    expect(b.out[0]?.split('\n')).toHaveLength(3)
    const c = io()
    expect(await run(['--version'], c.io, '1.2.3')).toBe(0)
    expect(c.out).toEqual(['1.2.3'])
  })

  it('reports unknown commands and subcommands in one line, exit code 2', async () => {
    const a = io()
    expect(await run(['nope'], a.io)).toBe(2)
    expect(a.err).toEqual(['sortkey: unknown command nope (see sortkey --help)'])
    const b = io()
    expect(await run(['schema', 'nope'], b.io)).toBe(2)
    expect(b.err).toEqual(['sortkey schema: unknown subcommand nope (one of load, drop, print)'])
    const c = io()
    expect(await run(['seed', 'model.ts'], c.io)).toBe(2)
    expect(c.err).toEqual(['sortkey seed: missing <file> (see sortkey seed --help)'])
  })
})
