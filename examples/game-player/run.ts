// Runs every game-player access pattern against whatever endpoint the AWS SDK is configured for
// (`npm run examples` points it at an embedded DynamoDB Local) and prints what each returns.
import { table } from './model.js'
import { seed } from './seed.js'
import * as p from './patterns.js'
import type { RequestObserver } from '../../src/index.js'
import { dropTable, createTable } from '../../src/index.js'

const FULL_GAME = 'c6f38a6a-d1c5-4bdf-8468-24692ccc4646' // 49 people, created by gstanley
const STARTED_GAME = 'c9c3917e-30f3-4ba4-82c4-2e9a0e4d1cfd' // started, no results yet

export async function run(log: (line: string) => void = console.log, observer?: RequestObserver): Promise<void> {
  const detach = observer && table.observe(observer) // npm run examples: the cost report
  await dropTable(table)
  await createTable(table)
  const counts = await seed()
  log(`loaded ${Object.entries(counts).map(([name, n]) => `${n} ${name}`).join(', ')} with batchWrite`)
  const outcome = (promise: PromiseLike<unknown>) =>
    Promise.resolve(promise).then(
      () => 'ok',
      (error: Error) => `${error.name}: ${error.message}`,
    )

  log(`get user profile johnsonscott: ${JSON.stringify(await p.getUser('johnsonscott'))}`)
  await p.createUser({ username: 'new_player', name: 'New Player', email: 'new@example.com', address: '1 Main St', birthdate: '1990-01-01' })
  log(`create user new_player again: ${await outcome(p.createUser({ username: 'new_player', name: 'Other', email: 'o@example.com', address: '-', birthdate: '1990-01-01' }))}`)
  log(`update user profile new_player: ${JSON.stringify(await p.updateUser('new_player', { email: 'player@example.com' }))}`)

  const open = await p.findOpenGames()
  log(`find open games: ${open.length} — ${open.map((g) => `${g.map} ${g.open_timestamp} (${g.people})`).join('; ')}`)
  const grass = await p.findOpenGamesByMap('Green Grasslands')
  log(`find open games on Green Grasslands: ${grass.map((g) => `${g.game_id.slice(0, 8)} ${g.open_timestamp}`).join(', ')}`)
  await p.createGame({ game_id: 'a2ad5d2b-0a6c-4a2d-9d1a-7f36a2b1c001', map: 'Juicy Jungle', creator: 'new_player', create_time: '2019-10-01T12:00:00' })
  log(`create game a2ad5d2b on Juicy Jungle: now ${(await p.findOpenGamesByMap('Juicy Jungle')).length} open games there`)

  const { game, players } = await p.getGameWithPlayers('248dd9ef-6b17-42f0-9567-2cbd3dd63174')
  log(`view game 248dd9ef and its players (one query): ${game?.map}, ${game?.people} people: ${players.map((u) => u.username).join(', ')}`)

  log(`join game c6f38a6a (49 people) as vlopez: ${await outcome(p.joinGame(FULL_GAME, 'vlopez'))} → ${(await p.getGame(FULL_GAME))?.people} people`)
  log(`join it again as new_player: ${await outcome(p.joinGame(FULL_GAME, 'new_player'))}`)
  log(`start it as vlopez: ${await outcome(p.startGame(FULL_GAME, 'vlopez', '2019-04-16T10:30:00'))}`)
  log(`start it as gstanley: ${JSON.stringify(await p.startGame(FULL_GAME, 'gstanley', '2019-04-16T10:30:00'))}`)
  log(`open games on Urban Underground now: ${(await p.findOpenGamesByMap('Urban Underground')).length}`)

  log(`update game for user angela85 in c9c3917e: ${JSON.stringify(await p.updateGameForUser(STARTED_GAME, 'angela85', 'bronze'))}`)
  await p.updateGameResults(STARTED_GAME, { end_time: '2019-04-13T14:58:02', gold: 'aweber', silver: 'bwhitaker', bronze: 'angela85' })
  log(`update game results of c9c3917e: ${JSON.stringify(await p.getGame(STARTED_GAME))}`)
  log(`update them again: ${await outcome(p.updateGameResults(STARTED_GAME, { end_time: '2019-04-13T15:00:00', gold: 'aweber', silver: 'bwhitaker', bronze: 'angela85' }))}`)
  log(`find past games for carrpatrick (InvertedIndex): ${JSON.stringify(await p.findGamesForUser('carrpatrick'))}`)
  detach?.()
}
