// Runs the game-player patterns against whatever endpoint the AWS SDK is configured for.
import { table } from './model.js'
import { seed } from './seed.js'
import { createGame, createUser, getGame, getPlayer, getUser } from './patterns.js'

export async function run(log: (line: string) => void = console.log): Promise<void> {
  await table.drop()
  await table.create()
  const counts = await seed()
  log(`loaded ${Object.entries(counts).map(([name, n]) => `${n} ${name}`).join(', ')}`)

  log(`get user profile 'johnsonscott': ${JSON.stringify(await getUser('johnsonscott'))}`)
  await createUser({ username: 'new_player', name: 'New Player', email: 'new@example.com', address: '1 Main St', birthdate: '1990-01-01' })
  const again = await createUser({ username: 'new_player', name: 'Other', email: 'o@example.com', address: '-', birthdate: '1990-01-01' }).then(
    () => 'created twice?!',
    (error: Error) => `${error.name}: ${error.message}`,
  )
  log(`create user 'new_player' twice: ${again}`)
  await createGame({ game_id: 'a2ad5d2b-0a6c-4a2d-9d1a-7f36a2b1c001', map: 'Juicy Jungle', creator: 'new_player', create_time: '2019-10-01T12:00:00' })
  log(`create game: ${JSON.stringify(await getGame('a2ad5d2b-0a6c-4a2d-9d1a-7f36a2b1c001'))}`)
  log(`gold medal of game 25cec5bf…: ${JSON.stringify(await getPlayer('25cec5bf-e498-483e-9a00-a5f93b9ea7c7', 'pboyd'))}`)
}
