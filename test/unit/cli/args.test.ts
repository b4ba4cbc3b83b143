import { describe, expect, it } from 'vitest'
import { helpText, intOption, parseCommand, type CommandSpec } from '../../../src/cli/args.js'
import { CliError } from '../../../src/cli/errors.js'

const spec: CommandSpec = {
  name: 'seed',
  summary: 'Seed things.',
  positionals: ['model', 'file'],
  options: { endpoint: { type: 'string', value: 'url', description: 'where' }, 'dry-run': { type: 'boolean', description: 'no writes' } },
  notes: ['A note.'],
}

describe('parseCommand', () => {
  it('parses positionals and options', () => {
    expect(parseCommand(spec, ['m.ts', 'f.jsonl', '--endpoint', 'http://x', '--dry-run'])).toEqual({
      positionals: ['m.ts', 'f.jsonl'],
      values: { endpoint: 'http://x', 'dry-run': true },
      help: false,
    })
    expect(parseCommand(spec, ['--endpoint=http://y', 'm.ts', 'f.jsonl']).values.endpoint).toBe('http://y')
  })

  it('asks for help without needing the positionals', () => {
    expect(parseCommand(spec, ['--help']).help).toBe(true)
    expect(parseCommand(spec, ['-h']).help).toBe(true)
  })

  it('refuses unknown options, missing and extra arguments in one line, exit code 2', () => {
    const problem = (argv: string[]) => {
      try {
        parseCommand(spec, argv)
      } catch (error) {
        expect(error).toBeInstanceOf(CliError)
        expect((error as CliError).exitCode).toBe(2)
        return (error as Error).message
      }
      throw new Error('no error')
    }
    expect(problem(['m.ts', 'f', '--bogus'])).toBe('sortkey seed: unknown option --bogus (see sortkey seed --help)')
    expect(problem(['m.ts'])).toBe('sortkey seed: missing <file> (see sortkey seed --help)')
    expect(problem(['m.ts', 'f', 'g'])).toBe('sortkey seed: unexpected argument "g" (see sortkey seed --help)')
    expect(problem(['m.ts', 'f', '--endpoint'])).toBe('sortkey seed: --endpoint needs a value (see sortkey seed --help)')
  })
})

describe('helpText', () => {
  it('shows usage, every option with its value, --help and the notes', () => {
    const text = helpText(spec)
    expect(text.split('\n')[0]).toBe('Usage: sortkey seed <model> <file> [options]')
    expect(text).toMatch(/--endpoint <url>\s+where/)
    expect(text).toMatch(/--dry-run\s+no writes/)
    expect(text).toMatch(/-h, --help\s+show this help/)
    expect(text.endsWith('A note.')).toBe(true)
  })
})

describe('intOption', () => {
  it('reads whole numbers in range and refuses the rest', () => {
    expect(intOption('local', 'port', '8000', 1, 65535)).toBe(8000)
    expect(intOption('local', 'port', undefined, 1, 65535)).toBeUndefined()
    expect(() => intOption('local', 'port', '0', 1, 65535)).toThrow('sortkey local: --port must be a whole number from 1 to 65535 (got "0")')
    expect(() => intOption('scan', 'limit', '2.5', 1)).toThrow(CliError)
    expect(() => intOption('scan', 'limit', 'ten', 1)).toThrow(CliError)
  })
})
