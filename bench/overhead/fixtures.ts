// The game-player data every library works on: one user, one game, the game's 25 players.

export const TABLE = 'battle-royale'

export const user = {
  username: 'johnsmith',
  name: 'John Smith',
  email: 'johnsmith@example.com',
  address: '7812 Main Street, Springfield, OR 97477',
  birthdate: '1984-05-12',
}

export const game = {
  game_id: 'c6f38a6a-d1c5-4bdf-8468-24692ccc4646',
  map: 'Green Grasslands',
  creator: 'johnsmith',
  create_time: '2019-04-04T08:37:31',
  people: 24,
  open_timestamp: '2019-04-04T08:37:31',
}

export const players = Array.from({ length: 25 }, (_, i) => ({
  game_id: game.game_id,
  username: `player${String(i).padStart(2, '0')}`,
}))

/** What every library's update must do to the game: people + 1, open_timestamp removed, only while people < 50. */
export const updatedGame = (() => {
  const { open_timestamp: _, ...rest } = game
  return { ...rest, people: game.people + 1 }
})()

export type Op = 'put' | 'get' | 'query' | 'update'
export const OPS: readonly Op[] = ['put', 'get', 'query', 'update']

/** One library's implementation of the four operations; each resolves to the plain data it read or wrote. */
export interface Lib {
  put(): Promise<unknown>
  get(): Promise<unknown>
  query(): Promise<unknown>
  update(): Promise<unknown>
  /** The stored form of the user, the game (before the update) and the players, as this library writes them. */
  stored(): { user: Record<string, unknown>; game: Record<string, unknown>; players: Record<string, unknown>[] }
}
