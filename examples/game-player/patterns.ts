// The game-player access patterns, one function each.
import { Game, User, UserGameMapping } from './model.js'

type NewUser = Parameters<typeof User.create>[0]
type NewGame = Parameters<typeof Game.create>[0]

/** Create user profile: refused with ItemExistsError when the username is taken. */
export function createUser(user: NewUser) {
  return User.create(user)
}

/** Get user profile. */
export function getUser(username: string) {
  return User.get({ username })
}

/** Create game: a new game is open, so it carries open_timestamp and enters OpenGamesIndex. */
export function createGame(game: Omit<NewGame, 'open_timestamp' | 'people'> & { people?: number }) {
  return Game.create({ ...game, people: game.people ?? 1, open_timestamp: game.create_time })
}

/** Get a game's metadata. */
export function getGame(game_id: string) {
  return Game.get({ game_id })
}

/** A user's membership row in a game (its place once the results are in). */
export function getPlayer(game_id: string, username: string) {
  return UserGameMapping.get({ game_id, username })
}
