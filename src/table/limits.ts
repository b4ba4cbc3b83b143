// Matching items by key within a table (DynamoDB's limits themselves are checked by the executor: client/limits.ts).

/** A stable identity for an item's key within a table, for duplicate checks and matching. */
export function keyIdentity(table: string, key: Record<string, unknown>): string {
  const names = Object.keys(key).sort()
  let id = table
  for (const name of names) id += '\u0000' + name + '\u0000' + JSON.stringify(key[name])
  return id
}
