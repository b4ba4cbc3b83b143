// Lazy operations. Building one computes nothing; `await` sends it, `.params()` shows the exact
// SDK command input, and transactions / batches take the same object and read its parts.

import { requireClient, send, type CommandSender, type RequestContext } from '../client/send.js'
import type { EntityModel } from './model.js'
import type { Transactor } from './unique.js'

export type OperationKind = 'put' | 'create' | 'get' | 'delete' | 'update' | 'check'

/** What an operation needs from its entity at run time. */
export interface EntityRuntime {
  readonly model: EntityModel
  readonly client: CommandSender | undefined
  /** Sends several operations as one transaction (entities with unique fields need it). */
  readonly transact?: Transactor | undefined
}

export abstract class EntityOperation<TResult, TParams extends object = Record<string, unknown>> implements PromiseLike<TResult> {
  abstract readonly kind: OperationKind
  #params: TParams | undefined

  constructor(readonly entity: EntityRuntime) {}

  /** The entity's name. */
  get entityName(): string {
    return this.entity.model.name
  }

  /** The SDK command input this operation sends. Computed once; validation errors surface here. */
  params(): TParams {
    return (this.#params ??= this.buildParams())
  }

  /** The primary key of the item this operation touches (stored form). */
  abstract key(): Record<string, unknown>

  protected abstract buildParams(): TParams
  protected abstract command(params: TParams): unknown
  protected abstract result(output: Record<string, unknown>): TResult

  /** Sends the operation, with `client` or the entity's own. */
  async send(client?: CommandSender): Promise<TResult> {
    const params = this.params()
    const sender = client ?? requireClient(this.entity.client, `entity ${this.entity.model.name}`)
    const output = await send<Record<string, unknown>>(sender, this.command(params), this.requestContext())
    return this.result(output)
  }

  protected requestContext(): RequestContext {
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
  catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<TResult | B> {
    return this.then(undefined, onrejected)
  }
}
