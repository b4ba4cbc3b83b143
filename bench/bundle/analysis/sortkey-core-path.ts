// Not an app: the modules a put, a get and a query of sortkey run through, imported directly,
// without the Table and Entity classes. Table-level features are already imported one by one;
// the Entity class still carries every entity operation (update, scan, move, check, ...). This
// is the floor a minimal app could reach if entity operations were imported one by one too, with
// the core path as it is today. `npm run bench:bundle` prints it next to the minimal apps.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { resolveEntity, type EntityConfigInput, type TableSpec } from '../../../src/entity/model.js'
import { PutOperation } from '../../../src/entity/write-operations.js'
import { GetOperation } from '../../../src/entity/read-operations.js'
import { EntityQuery } from '../../../src/query/entity-query.js'
import { indexPlan } from '../../../src/query/plan.js'
import { checkNoCollision } from '../../../src/table/collisions.js'
import { Observation } from '../../../src/client/observe.js'
import { TableIndexes } from '../../../src/table/registry.js'

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}))
const rules = { delimiter: '#', keyValues: 'refuse' } as const
const keys = { partitionKey: 'PK', sortKey: 'SK', indexes: {} }
const spec: TableSpec = { name: 'battle-royale', ...keys, entityAttribute: '_type', rules, observation: new Observation({}), registry: new TableIndexes(keys) }
const config = { schema: z.object({ game_id: z.string(), username: z.string() }), key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' } }
const model = resolveEntity(spec, 'Player', config as EntityConfigInput)
checkNoCollision([], model, rules)
const entity = { model, client }

export async function main(game_id: string, username: string) {
  await new PutOperation(entity, { game_id, username }, undefined, 'put')
  const item = await new GetOperation(entity, { game_id, username }, undefined)
  const page = await new EntityQuery(entity, indexPlan(model, 'primary'), { game_id })
  return [item, page.items]
}
