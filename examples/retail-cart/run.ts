// Runs every retail-cart access pattern against whatever endpoint the AWS SDK is configured for
// (`npm run examples` points it at an embedded DynamoDB Local) and prints what each returns.
import { table, type CartLine } from './model.js'
import * as p from './patterns.js'
import { seed } from './seed.js'
import type { RequestObserver } from '../../src/index.js'
import { dropTable, createTable } from '../../src/index.js'

const show = (lines: CartLine[]) =>
  lines.map((l) => `${l.CustomerID} ${l.Status}#${l.CreatedAt.toISOString()} ${l.ItemSKU} ${l.Count}×${l.Price}${l.OrderID ? ` ${l.OrderID}` : ''}`).join(' | ') || '(none)'

export async function run(log: (line: string) => void = console.log, observer?: RequestObserver): Promise<void> {
  const detach = observer && table.observe(observer) // npm run examples: the cost report
  await dropTable(table)
  await createTable(table)
  log(`loaded ${await seed()} cart lines`)

  log(`active items of Sue, newest first: ${show(await p.activeItems('Sue'))}`)
  log(`saved for later by Sue: ${show(await p.savedItems('Sue'))}`)
  log(`purchased by Sue: ${show(await p.purchasedItems('Sue'))}`)
  log(`customers with 72f49 in their cart (GSI-SKU), newest first: ${show(await p.customersWithSku('72f49', 'ACTIVE'))}`)
  log(`... on 2019-10-08 (between): ${show(await p.customersWithSkuOn('72f49', 'ACTIVE', '2019-10-08'))}`)
  log(`orders d9bl3 was bought in (OrdersBySKU, multi-attribute, sparse): ${show(await p.ordersWithSku('d9bl3'))}`)

  const added = await p.addToCart({ CustomerID: 'Sue', ItemSKU: 'a77e1', Price: 19.5, Count: 1, at: new Date('2019-10-09T08:00:00Z') })
  log(`add a line for Sue: ${show([added])}`)
  log(`update its count to 2: ${show([await p.updateCartLine(added, { Count: 2 })])}`)
  const saved = await p.saveForLater('Sue', new Date('2019-10-05T10:07:17Z'), new Date('2019-10-09T08:05:00Z'))
  log(`save Sue's b932s line for later (move: delete + create in one transaction): ${show(saved ? [saved] : [])}`)
  log(`  active now: ${show(await p.activeItems('Sue'))}`)
  log(`  saved now: ${show(await p.savedItems('Sue'))}`)
  const order = await p.checkout('Sue', 'ORD-1009-SUE', { at: new Date('2019-10-09T08:10:00Z') })
  log(`check out Sue's cart as ORD-1009-SUE (one transaction): ${order.length} lines`)
  log(`  active now: ${show(await p.activeItems('Sue'))}`)
  log(`  purchased now: ${show(await p.purchasedItems('Sue'))}`)
  detach?.()
}
