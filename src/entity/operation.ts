// Lazy operations. Building one computes nothing; `await` sends it, `.params()` shows the exact
// SDK command input, and transactions / batches take the same object and read its parts.

import { requireClient, type CommandSender, type RequestContext } from '../client/send.js'
import { execute } from '../client/executor.js'
import { keyLimitsOf } from '../client/limits.js'
import { capacityMode, probeFor, withCapacity, type DynamoAction, type Metered, type ObserveOptions, type Probe } from '../client/observe.js'
import type { EntityModel } from './model.js'
import { writeWithMarkers, type MarkedWrite, type Transactor } from './unique.js'

export type OperationKind = 'put' | 'create' | 'get' | 'delete' | 'update' | 'upsert' | 'check'

/** What an operation needs from its entity at run time. */
export interface EntityRuntime {
  readonly model: EntityModel
  readonly client: CommandSender | undefined
  /** Sends several operations as one transaction (entities with unique fields need it). */
  readonly transact?: Transactor | undefined
}

const ACTIONS: Record<Exclude<OperationKind, 'check'>, DynamoAction> = {
  put: 'PutItem',
  create: 'PutItem',
  get: 'GetItem',
  delete: 'DeleteItem',
  update: 'UpdateItem',
  upsert: 'UpdateItem',
}

/**
 * What every single-item operation (`put`, `create`, `get`, `update`, `delete`) shares. It is
 * lazy and awaitable: building it sends nothing, `await` sends it once, `params()` returns the
 * exact SDK command input, `label()` / `observe()` name and watch it, and `withMeta()` resolves to
 * the result with the capacity it consumed.
 *
 * @example
 * ```ts
 * const op = Game.update({ game_id: 'g1' }, { add: { people: 1 } }).label('join game')
 * op.params() // { TableName: 'battle-royale', Key: {...}, UpdateExpression: 'ADD #people :people ...', ... }
 * const { result, capacity } = await op.withMeta()
 * ```
 */
export abstract class EntityOperation<TResult, TParams extends object = Record<string, unknown>> implements PromiseLike<TResult> {
  abstract readonly kind: Exclude<OperationKind, 'check'>
  /** The operation's options; their `label`, `consumedCapacity` and hooks are its observability options. */
  abstract readonly options: ObserveOptions | undefined
  #params: TParams | undefined
  #observe: ObserveOptions | undefined

  constructor(readonly entity: EntityRuntime) {}

  /** The entity's name. */
  get entityName(): string {
    return this.entity.model.name
  }

  /**
   * The SDK command input this operation sends. Computed once; validation errors surface here.
   * It asks for `ReturnConsumedCapacity` only when the operation or its table asks for capacity
   * or a hook watches.
   */
  params(): TParams {
    const params = this.builtParams()
    return withCapacity(params, capacityMode(this.entity.model.table.observation, this.observeOptions()))
  }

  /** The command input without `ReturnConsumedCapacity`, built once. */
  protected builtParams(): TParams {
    return (this.#params ??= this.buildParams())
  }

  /** Names the access pattern this operation serves (for hooks and `createCostReport()`); returns the operation. */
  label(label: string): this {
    return this.observe({ label })
  }

  /** Sets observability options (label, consumedCapacity, hooks) on top of those given in the options; returns the operation. */
  observe(options: ObserveOptions): this {
    const current = this.observeOptions()
    this.#observe = {
      label: current?.label,
      consumedCapacity: current?.consumedCapacity,
      onRequest: current?.onRequest,
      onResponse: current?.onResponse,
      ...options,
    }
    return this
  }

  protected observeOptions(): ObserveOptions | undefined {
    return this.#observe ?? this.options
  }

  /** The primary key of the item this operation touches (stored form). */
  abstract key(): Record<string, unknown>

  protected abstract buildParams(): TParams
  protected abstract command(params: TParams): unknown
  protected abstract result(output: Record<string, unknown>): TResult

  /** Sends the operation, with `client` or the entity's own. */
  send(client?: CommandSender): Promise<TResult> {
    return this.run(client, this.probe())
  }

  /**
   * Sends the operation and resolves to its result with the capacity it consumed (summed over
   * every request it made) — capacity is asked for (`'TOTAL'`, or the mode set) even when
   * nothing else asks for it.
   */
  async withMeta(client?: CommandSender): Promise<Metered<TResult>> {
    const probe = this.probe('TOTAL') as Probe
    const result = await this.run(client, probe)
    return { result, capacity: probe.capacity(), requests: probe.requests }
  }

  /** A probe for one send, or undefined when nothing watches and no capacity is asked for. */
  protected probe(force?: 'TOTAL'): Probe | undefined {
    const model = this.entity.model
    return probeFor(model.table.observation, this.observeOptions(), model.table.name, model.name, this.kind, force)
  }

  /**
   * Sends the operation: its own request, or, for a write that moves unique markers, the read and
   * transaction that keep them (unique.ts). Every request goes through the executor; a failure
   * is then refined by the operation (a version conflict, a missing item).
   */
  protected run(client: CommandSender | undefined, probe: Probe | undefined): Promise<TResult> {
    // Promise steps rather than async functions: each async layer costs a frame and a promise on every call.
    let sender: CommandSender
    try {
      sender = client ?? requireClient(this.entity.client, `entity ${this.entity.model.name}`)
    } catch (error) {
      return Promise.reject(error)
    }
    let sent: Promise<TResult>
    try {
      const marked = this.entity.model.unique.length > 0 ? this.markedWrite() : undefined
      if (marked === undefined) return this.sendOwn(sender, probe, true)
      sent = writeWithMarkers(this.entity, marked, sender, probe, () => this.sendOwn(sender, probe))
    } catch (error) {
      return Promise.reject(this.refineError(error))
    }
    return sent.then(undefined, (error: unknown) => {
      throw this.refineError(error)
    })
  }

  /** A write that changes unique values says how (see MarkedWrite); undefined: none to keep. */
  protected markedWrite(): MarkedWrite<TResult> | undefined {
    return undefined
  }

  /** Says more precisely what failed (a version conflict, a missing item); the error as it is by default. */
  protected refineError(error: unknown): unknown {
    return error
  }

  /**
   * Sends this operation's own request through the executor (limits checked, observed, errors
   * mapped). With `refine`, any failure (the result's decoding included) is refined here too, in
   * the same promise step as the result.
   */
  protected sendOwn(client: CommandSender, probe: Probe | undefined, refine = false): Promise<TResult> {
    let sent: Promise<Record<string, unknown>>
    try {
      const params = this.builtParams()
      const input = (probe === undefined ? params : withCapacity(params, probe.mode)) as Record<string, unknown>
      const model = this.entity.model
      sent = execute(client, { action: ACTIONS[this.kind], command: this.command(input as TParams), input, context: this, keys: keyLimitsOf(model.table) }, probe)
    } catch (error) {
      return Promise.reject(refine ? this.refineError(error) : error)
    }
    if (!refine) return sent.then((output) => this.result(output))
    return sent.then(
      (output) => {
        try {
          return this.result(output)
        } catch (error) {
          throw this.refineError(error)
        }
      },
      (error: unknown) => {
        throw this.refineError(error)
      },
    )
  }

  /** Entity, operation and key, for errors: built only when a request fails. */
  requestContext(): RequestContext {
    return { entity: this.entity.model.name, operation: this.kind, key: this.key() }
  }

  then<A = TResult, B = never>(
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same as Promise#then, so `(e: Error) => …` works
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    let promise: Promise<TResult>
    try {
      promise = this.send()
    } catch (error) {
      promise = Promise.reject(error)
    }
    return promise.then(onfulfilled, onrejected)
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise#catch
  /** Sends the operation and handles its failure, as `Promise#catch`. */
  catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<TResult | B> {
    return this.then(undefined, onrejected)
  }
}
