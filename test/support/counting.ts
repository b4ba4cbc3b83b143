// A client that sends through DynamoDB Local and records the name of every command it sends, so a
// test can prove that a refused read or write sent nothing.
import type { CommandSender } from '../../src/index.js'
import { localClient } from './client.js'

export function countingClient(): { sender: CommandSender; sent: string[] } {
  const client = localClient()
  const sent: string[] = []
  const sender: CommandSender = {
    send(command: unknown) {
      sent.push((command as { constructor: { name: string } }).constructor.name)
      return client.send(command as never)
    },
  }
  return { sender, sent }
}
