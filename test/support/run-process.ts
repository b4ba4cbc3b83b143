// Runs a program to its end and collects what it printed (the command-line tests).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** `started` gets the child process (to signal it). */
export function runProcess(command: string, args: readonly string[], options: SpawnOptions, started?: (child: ChildProcess) => void): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    started?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}
