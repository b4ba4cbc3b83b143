// Types of the reads an entity gets, computed from its type bag (`EntityTypes`): the bag's
// `indexes` already holds, per index that holds the entity, the union of partition-key and
// sort-key fields, so these are single mapped types with no recursion.

import type { TemplateFields } from '../keys/index.js'
import type { IndexKeyAttributes } from '../entity/model.js'
import type { Entity } from '../entity/entity.js'
import type { EntityTypes, IndexFields } from '../entity/types.js'
import type { EntityQuery, PrefixInput } from './entity-query.js'
import type { EntityScan, ScanOptions } from './entity-scan.js'
import type { RawKeyValue, TableQuery } from './table-reads.js'

/** The given fields of `Item`, each required (key values are never undefined). */
export type RequiredFields<Item, F extends PropertyKey> = { [K in F & keyof Item]: Exclude<Item[K], undefined> }

/** The given fields of `Item`, each optional. */
export type OptionalFields<Item, F extends PropertyKey> = { [K in F & keyof Item]?: Exclude<Item[K], undefined> }

/** The key input of a query on index `X`: every partition-key field, and leading sort-key fields. */
export type QueryKeyInput<T extends EntityTypes, X extends keyof T['indexes']> = RequiredFields<T['item'], T['indexes'][X]['pk']> &
  OptionalFields<T['item'], T['indexes'][X]['sk']>

/** The key input of a query on an index keyed by item attributes: a multi-attribute sort key's attributes are given left to right. */
export type AttributeKeyInput<T extends EntityTypes, X extends keyof T['indexes']> = RequiredFields<T['item'], T['indexes'][X]['pk']> &
  (T['indexes'][X]['order'] extends infer L extends readonly string[] ? SortPrefix<T['item'], L, T['indexes'][X]['pk']> : OptionalFields<T['item'], T['indexes'][X]['sk']>)

/**
 * The sort attributes a multi-attribute key input may give: a leading run, left to right. Each
 * alternative gives the first n attributes and leaves the rest out (`never`), so `score` without
 * `round` does not compile. Fields the partition key gives (`P`) count as given.
 */
export type SortPrefix<Item, L extends readonly string[], P, Given = unknown> = L extends readonly [infer H extends string, ...infer R extends readonly string[]]
  ? (Given & { [K in Exclude<L[number], P>]?: never }) | SortPrefix<Item, R, P, Given & RequiredFields<Item, Exclude<H, P>>>
  : Given

/** `beginsWith` bounds of index `X`: for a multi-attribute key, only its string attributes, as string prefixes. */
export type PrefixOf<T extends EntityTypes, X extends keyof T['indexes']> = T['indexes'][X]['order'] extends readonly string[]
  ? { [K in keyof SortKeyInput<T, X> as NonNullable<SortKeyInput<T, X>[K]> extends string ? K : never]?: string }
  : PrefixInput<SortKeyInput<T, X>> | string

/** The sort-key fields of index `X`, for sort-key conditions. */
export type SortKeyInput<T extends EntityTypes, X extends keyof T['indexes']> = OptionalFields<T['item'], T['indexes'][X]['sk']>

/** `Entity.query`: one function per index that holds the entity (and `primary`). */
export type EntityQueries<T extends EntityTypes> = {
  // Method-shaped (checked bivariantly, like the entity's own methods), so an entity with
  // known indexes is still assignable to one of a table whose indexes are not known.
  // Indexes keyed by item attributes, projecting less than all, or not holding the entity take
  // the other form, so a query of a template-keyed index decides its type in one step.
  readonly [X in keyof T['indexes']]: T['indexes'][X] extends { readonly def: AttributeIndex | NotHeldIndex }
    ? OtherIndexQuery<T, X>
    : {
        /** The entity's items in one partition of the index, in sort-key order: see `EntityQuery`. */
        query(key: QueryKeyInput<T, X>): EntityQuery<T['item'], SortKeyInput<T, X>>
      }['query']
}

/** The query of an index keyed by item attributes or projecting less than all, or of one that does not hold the entity (it takes no key). */
type OtherIndexQuery<T extends EntityTypes, X extends keyof T['indexes']> = T['indexes'][X] extends { readonly notHeld: true }
  ? { query(key: { 'this index does not hold the entity': X }): EntityQuery<T['item'], SortKeyInput<T, X>> }['query']
  : {
      /** The entity's items in one partition of the index, in sort-key order: see `EntityQuery`. */
      query(key: AttributeKeyInput<T, X>): EntityQuery<T['item'], SortKeyInput<T, X>, ProjectedItem<T, X>, PrefixOf<T, X>>
    }['query']

/** An index definition that needs the second form of query: a key given as a list of attributes, or a projection of less than all. */
type AttributeIndex =
  | { readonly partitionKey: readonly string[] }
  | { readonly sortKey: readonly string[] }
  | { readonly projection: 'KEYS_ONLY' | { readonly include: readonly string[] } }

/** The indexes that hold the entity's items (and `primary`). */
export type HeldIndexNames<T extends EntityTypes> = {
  [X in keyof T['indexes']]: T['indexes'][X] extends { readonly notHeld: true } ? never : X
}[keyof T['indexes']] &
  string

/** What the table adds to each entity it declares. */
export interface EntityReads<T extends EntityTypes> {
  readonly query: EntityQueries<T>
  /** Every item of the entity in the table (or `index`), filtered to the entity server-side where it can be. */
  scan<X extends HeldIndexNames<T> = never>(options?: ScanOptions<X>): EntityScan<T['item'], [X] extends [never] ? T['item'] : ProjectedItem<T, X>>
}

/** An entity declared by a table: its operations and its reads. */
export type QueryableEntity<T extends EntityTypes> = Entity<T> & EntityReads<T>

/** The result of a collection query: each member entity's items under its name. */
export type CollectionItems<E extends readonly Entity<EntityTypes>[]> = {
  [M in E[number] as M['types']['name']]: M['types']['item'][]
}

/** The key input of a collection query on index `X`: the partition-key fields of its first entity. */
export type CollectionKey<E extends Entity<EntityTypes>, X extends string> = X extends keyof E['types']['indexes']
  ? RequiredFields<E['types']['item'], E['types']['indexes'][X]['pk']>
  : never

// ---- the per-index key fields of an entity, computed once in its type bag ---------------

/** An entity's templates for computed index keys, as declared in its `indexes` option. */
export interface IndexTemplates {
  readonly pk?: string
  readonly sk?: string
}

/** The fields one key attribute is made of for the entity (evaluated only when a query's key type is needed). */
type KeyFields<Attr, Explicit, TablePK, TableSK, PK extends string, SK extends string | undefined> = Explicit extends string
  ? TemplateFields<Explicit>
  : AttributeFields<KeyNames<Attr>, TablePK, TableSK, PK, SK>

/** The fields of item attributes: a table key attribute's template fields, else the attribute itself (a schema field). */
type AttributeFields<Attr, TablePK, TableSK, PK extends string, SK extends string | undefined> = Attr extends TablePK
    ? TemplateFields<PK>
    : Attr extends TableSK
      ? TemplateFields<NonNullable<SK>>
      : Attr & string

type PkTemplate<E> = E extends { readonly pk?: infer T } ? T : undefined
type SkTemplate<E> = E extends { readonly sk?: infer T } ? T : undefined
type SortAttribute<D> = D extends { readonly sortKey: infer A } ? A : undefined

/** The attributes of an index key as declared: one name, or a list of them. */
type KeyNames<A> = A extends readonly (infer N)[] ? N : A

// Members are read lazily: `def` and `order` cost nothing until a query of an attribute-keyed index reads them.
type IndexKeyFields<D extends { readonly partitionKey: IndexKeyAttributes }, E, TablePK, TableSK, PK extends string, SK extends string | undefined> = {
  pk: KeyFields<D['partitionKey'], PkTemplate<E>, TablePK, TableSK, PK, SK>
  sk: SortAttribute<D> extends undefined ? never : KeyFields<SortAttribute<D>, SkTemplate<E>, TablePK, TableSK, PK, SK>
  /** The index as the table declares it. */
  def: D
  /** A multi-attribute sort key's attributes in order, as the fields each is made of; undefined otherwise. */
  order: SortAttribute<D> extends readonly [string, string, ...string[]] ? SortOrder<SortAttribute<D>, TablePK, TableSK, PK, SK> : undefined
}

/**
 * The items a read through index `X` returns: every field when it projects all; else the key
 * fields (the table's and the index's, recovered from the keys) and the ones it includes.
 */
export type ProjectedItem<T extends EntityTypes, X extends keyof T['indexes']> = T['indexes'][X]['def'] extends { readonly projection: infer P }
  ? P extends 'KEYS_ONLY' | { readonly include: readonly string[] }
    ? Pick<T['item'], ((P extends { readonly include: readonly (infer F)[] } ? F : never) | T['indexes'][X]['pk'] | T['indexes'][X]['sk'] | keyof T['key']) & keyof T['item']>
    : T['item']
  : T['item']

/** A multi-attribute sort key's attributes in order, each as the fields it is made of (a table key attribute: its template's fields). */
type SortOrder<A extends readonly string[], TablePK, TableSK, PK extends string, SK extends string | undefined> = {
  readonly [I in keyof A]: KeyFields<A[I], undefined, TablePK, TableSK, PK, SK>
}

/** The key fields of an index that does not hold the entity: its query takes no key. */
export interface NotHeld {
  readonly pk: never
  readonly sk: never
  readonly notHeld: true
  readonly def: NotHeldIndex
}

/** Marks the definition slot of an index that does not hold the entity. */
interface NotHeldIndex {
  readonly notHeld: true
}

/**
 * Index name -> `{ pk, sk }` key field unions, for `primary` and each of the table's indexes `I`.
 * An index holds the entity, as the runtime plan decides, when the entity gives it templates
 * (`IX`) or its key attributes are all the table's own keys or schema fields (`Item`'s fields
 * that are not key-only, `KO`); any other is `NotHeld`. Mapped over the table's index names (the
 * same for every entity) and decided per index only when that index is read, which costs far
 * less than listing the held ones first.
 *
 * Type arguments are instantiated whenever the alias is, so the item's field names are listed
 * only in the branch that reads them (an index keyed by plain attributes). The common index, one
 * key attribute each with both templates given, takes the short form, without the general
 * `IndexKeyFields` and its six parameters: about 25 instantiations fewer per entity queried.
 */
export type EntityIndexes<I extends Record<string, { readonly partitionKey: IndexKeyAttributes }>, IX, TablePK, TableSK, PK extends string, SK extends string | undefined, Item, KO> =
  string extends keyof I
    ? Record<string, IndexFields> // a table whose indexes are not known (the general `Table` type)
    : {
        primary: { pk: TemplateFields<PK>; sk: TemplateFields<NonNullable<SK>> }
      } & {
        [X in keyof I & string]: X extends keyof IX
          ? IX[X] extends { readonly pk: infer P extends string; readonly sk: infer Q extends string }
            ? I[X] extends { readonly sortKey: string }
              ? { pk: TemplateFields<P>; sk: TemplateFields<Q>; def: I[X]; order: undefined }
              : IndexKeyFields<I[X], IX[X], TablePK, TableSK, PK, SK>
            : IndexKeyFields<I[X], IX[X], TablePK, TableSK, PK, SK>
          : I[X] extends { readonly partitionKey: KeyOf<TablePK | TableSK | Fields<Item, KO>>; readonly sortKey?: KeyOf<TablePK | TableSK | Fields<Item, KO>> }
            ? IndexKeyFields<I[X], undefined, TablePK, TableSK, PK, SK>
            : NotHeld
      }

/** The stored fields of an item: its fields but the key-only ones. */
type Fields<Item, KO> = Exclude<keyof Item & string, KO>

/** An index key made of these attributes: one of them, or a list of them. */
type KeyOf<A> = A | readonly A[]

/** Refuses index names in an entity's `indexes` option that are not indexes of the table. */
export type KnownIndexes<IX, Names> = { [X in Exclude<keyof IX, Names>]: never }

// ---- table-level reads --------------------------------------------------------------------

/** A raw key: the partition key attribute (required) and the sort key attribute (optional, equality). */
export type RawKey<P, S> = { [A in P & string]: RawKeyValue } & { [A in S & string]?: RawKeyValue }

type IndexRawKey<D> = D extends { readonly partitionKey: infer P } ? RawKey<KeyNames<P>, D extends { readonly sortKey: infer S } ? KeyNames<S> : never> : never

/** A function checked like a method (bivariantly), so a table with known keys is still a `Table`. */
type QueryFunction<K> = { query(key: K): TableQuery }['query']

/** `queryTable(table)`: one function per index (and `primary`) taking raw stored key values. */
export type TableQueries<I, TablePK, TableSK> = {
  readonly [X in 'primary' | (keyof I & string)]: QueryFunction<X extends keyof I ? IndexRawKey<I[X]> : RawKey<TablePK, TableSK>>
}
