// Runs a program to its end and collects what it printed (the command-line tests).
import { spawn, type SpawnOptions } from 'node:child_process'

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

export function runProcess(command: string, args: readonly string[], options: SpawnOptions): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}
