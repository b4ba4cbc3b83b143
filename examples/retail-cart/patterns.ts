// The retail cart access patterns, one function each, with plain arguments.
import { CartItem, table, type CartLine, type CartStatus } from './model.js'
import { transactWrite } from '../../src/index.js'

/** Add a line to the customer's active cart (refused with ItemExistsError if one was added at the same instant). */
export async function addToCart(line: { CustomerID: string; ItemSKU: string; Price: number; Count: number; at?: Date }): Promise<CartLine> {
  const { at, ...rest } = line
  return CartItem.create({ ...rest, Status: 'ACTIVE', CreatedAt: at ?? new Date() })
}

/** Update a cart line's count or price (the line must exist, else ConditionFailedError). */
export function updateCartLine(key: { CustomerID: string; Status: CartStatus; CreatedAt: Date }, changes: { Count?: number; Price?: number }) {
  return CartItem.update(key, { set: changes }, { returnValues: 'ALL_NEW' })
}

/** A customer's lines in one status, newest first: `CustomerID = :c AND begins_with(Status#Date, 'ACTIVE#')`. */
export async function linesByStatus(CustomerID: string, Status: CartStatus): Promise<CartLine[]> {
  const { items } = await CartItem.query.primary({ CustomerID, Status }).reverse().all()
  return items
}

/** Active items in the cart, newest first. */
export const activeItems = (CustomerID: string) => linesByStatus(CustomerID, 'ACTIVE')
/** Saved-for-later items, newest first. */
export const savedItems = (CustomerID: string) => linesByStatus(CustomerID, 'SAVED')
/** Purchased items, newest first. */
export const purchasedItems = (CustomerID: string) => linesByStatus(CustomerID, 'PURCHASED')

/** Lines of a SKU in a status across customers, newest first (GSI-SKU: `ItemSKU = :sku AND begins_with(Status#Date, :status)`). */
export async function customersWithSku(ItemSKU: string, Status: CartStatus): Promise<CartLine[]> {
  const { items } = await CartItem.query['GSI-SKU']({ ItemSKU, Status }).reverse().all()
  return items
}

/** The same within one UTC day (`YYYY-MM-DD`): `Status#Date BETWEEN 'ACTIVE#<day>T00:00:00.000Z' AND 'ACTIVE#<day>T23:59:59.999Z'`. */
export async function customersWithSkuOn(ItemSKU: string, Status: CartStatus, day: string): Promise<CartLine[]> {
  const start = new Date(`${day}T00:00:00.000Z`)
  const end = new Date(start.getTime() + 24 * 60 * 60 * 1000 - 1)
  const { items } = await CartItem.query['GSI-SKU']({ ItemSKU, Status }).between({ CreatedAt: start }, { CreatedAt: end }).reverse().all()
  return items
}

/**
 * The orders a product was bought in, by order ID (`OrdersBySKU`: `ItemSKU = :sku`). Only
 * purchased lines carry an `OrderID`, so the index holds nothing else: no filter, no status prefix.
 */
export async function ordersWithSku(ItemSKU: string): Promise<CartLine[]> {
  const { items } = await CartItem.query.OrdersBySKU({ ItemSKU }).all()
  return items
}

/** The same from one order ID on (`ItemSKU = :sku AND OrderID >= :from`): the range is on the first sort attribute. */
export async function ordersWithSkuFrom(ItemSKU: string, from: string): Promise<CartLine[]> {
  const { items } = await CartItem.query.OrdersBySKU({ ItemSKU }).gte({ OrderID: from }).all()
  return items
}

/** Whether a customer's order holds a product: equality on every attribute (`ItemSKU`, `OrderID`, `CustomerID`). */
export async function orderHasSku(ItemSKU: string, OrderID: string, CustomerID: string): Promise<boolean> {
  const { items } = await CartItem.query.OrdersBySKU({ ItemSKU, OrderID, CustomerID }).limit(1)
  return items.length > 0
}

/**
 * Move a line to another status (active to saved, or back): the status is part of the key, so
 * this is `CartItem.move` — delete the old line and create the new one in one transaction. The
 * line's date becomes the time of the move. Undefined when there is no such line.
 */
export async function moveLine(CustomerID: string, from: CartStatus, CreatedAt: Date, to: Exclude<CartStatus, 'PURCHASED'>, at = new Date()): Promise<CartLine | undefined> {
  const line = await CartItem.get({ CustomerID, Status: from, CreatedAt })
  if (!line) return undefined
  return CartItem.move({ CustomerID, Status: from, CreatedAt }, { ...line, Status: to, CreatedAt: at })
}

/** Save an active line for later. */
export const saveForLater = (CustomerID: string, CreatedAt: Date, at?: Date) => moveLine(CustomerID, 'ACTIVE', CreatedAt, 'SAVED', at)
/** Move a saved line back into the cart. */
export const moveToCart = (CustomerID: string, CreatedAt: Date, at?: Date) => moveLine(CustomerID, 'SAVED', CreatedAt, 'ACTIVE', at)

/**
 * Check out: every active line becomes a purchased line of order `OrderID`, in one transaction
 * (at most 50 lines: two operations each, 100 per transaction). `lines` are the active lines the
 * customer confirmed (read afresh when not given); each is deleted only if its count and price
 * are still the ones read, so a cart changed in the meantime cancels the checkout
 * (TransactionCanceledError). A line's key is its status and time, so the purchased lines get
 * consecutive milliseconds from `at`, keeping the cart's newest-first order. Returns them.
 */
export async function checkout(CustomerID: string, OrderID: string, options: { at?: Date; lines?: CartLine[] } = {}): Promise<CartLine[]> {
  const active = options.lines ?? (await activeItems(CustomerID))
  if (active.length === 0) return []
  const at = options.at ?? new Date()
  const purchased = active.map((line, i) => ({ ...line, Status: 'PURCHASED' as const, CreatedAt: new Date(at.getTime() + (active.length - 1 - i)), OrderID }))
  await transactWrite([
    ...active.map(({ Status, CreatedAt, Count, Price }) => CartItem.delete({ CustomerID, Status, CreatedAt }, { condition: { Count, Price } })),
    ...purchased.map((line) => CartItem.create(line)),
  ])
  return purchased
}
