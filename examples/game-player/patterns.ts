// The game-player access patterns, one function each, with plain arguments.
import { Game, GameWithPlayers, table, User, UserGameMapping, type GameItem, type UserItem } from './model.js'
import { transactWrite, exists, lt, notExists } from '../../src/index.js'

type Place = 'gold' | 'silver' | 'bronze'

/** Create user profile: refused with ItemExistsError when the username is taken. */
export function createUser(user: UserItem) {
  return User.create(user)
}

/** Update user profile: only the fields given change; the user must exist (else ConditionFailedError). */
export function updateUser(username: string, changes: Partial<Omit<UserItem, 'username'>>) {
  return User.update({ username }, { set: changes }, { returnValues: 'ALL_NEW' })
}

/** Get user profile. */
export function getUser(username: string) {
  return User.get({ username })
}

/** Create game: a new game is open (its creator is its first player), so it carries open_timestamp and enters OpenGamesIndex. */
export async function createGame(game: { game_id: string; map: string; creator: string; create_time: string }): Promise<GameItem> {
  const created = { ...game, people: 1, open_timestamp: game.create_time }
  await transactWrite([Game.create(created), UserGameMapping.create({ game_id: game.game_id, username: game.creator })])
  return created
}

/** Get a game's metadata. */
export function getGame(game_id: string) {
  return Game.get({ game_id })
}

/** Find open games: every game in the sparse OpenGamesIndex (a scan of the index), oldest open first. */
export async function findOpenGames(): Promise<GameItem[]> {
  const { items } = await Game.scan({ index: 'OpenGamesIndex' }).all()
  // A scan returns items in hash order; order them as the by-map query does.
  return items.sort((a, b) => (a.open_timestamp ?? '').localeCompare(b.open_timestamp ?? '') || a.game_id.localeCompare(b.game_id))
}

/** Find open games by map: one OpenGamesIndex partition, in open_timestamp order. */
export async function findOpenGamesByMap(map: string): Promise<GameItem[]> {
  const { items } = await Game.query.OpenGamesIndex({ map }).all()
  return items
}

/** View game and its players: one query of GAME#{game_id} reads the game row and every USER# row, in username order. */
export async function getGameWithPlayers(game_id: string) {
  const { Game: games, UserGameMapping: players } = await GameWithPlayers.query({ game_id })
  return { game: games[0], players }
}

/**
 * Join game: adds the user's row and counts them in, both or neither. The row must be new
 * (the user is not in the game yet) and the game must have fewer than 50 people; otherwise
 * DynamoDB cancels the transaction (TransactionCanceledError names the failing operation).
 */
export function joinGame(game_id: string, username: string) {
  return transactWrite([
    UserGameMapping.create({ game_id, username }),
    Game.update({ game_id }, { add: { people: 1 } }, { condition: { people: lt(50) } }),
  ])
}

/**
 * Start game: only the creator, only a full game, only once. Removing open_timestamp takes the
 * game out of the sparse OpenGamesIndex in the same request.
 */
export function startGame(game_id: string, requested_by: string, start_time: string) {
  return Game.update(
    { game_id },
    { remove: ['open_timestamp'], set: { start_time } },
    { condition: { people: 50, creator: requested_by, start_time: notExists() }, returnValues: 'ALL_NEW' },
  )
}

/** Update game for a user: record the user's place (the row must exist). */
export function updateGameForUser(game_id: string, username: string, place: Place) {
  return UserGameMapping.update({ game_id, username }, { set: { place } }, { returnValues: 'ALL_NEW' })
}

/**
 * Update game results: the game's end time and medals, and each medallist's place, in one
 * transaction. The game must have started and not ended yet, and each medallist must be a player.
 */
export function updateGameResults(game_id: string, results: { end_time: string; gold: string; silver: string; bronze: string }) {
  const { end_time, gold, silver, bronze } = results
  return transactWrite([
    Game.update({ game_id }, { set: { end_time, gold, silver, bronze } }, { condition: { start_time: exists(), end_time: notExists() } }),
    UserGameMapping.update({ game_id, username: gold }, { set: { place: 'gold' } }),
    UserGameMapping.update({ game_id, username: silver }, { set: { place: 'silver' } }),
    UserGameMapping.update({ game_id, username: bronze }, { set: { place: 'bronze' } }),
  ])
}

/** Find past games for a user: the user's USER#{username} rows through InvertedIndex, in game_id order. */
export async function findGamesForUser(username: string) {
  const { items } = await UserGameMapping.query.InvertedIndex({ username }).all()
  return items
}

/** A user's row in a game (their place once the results are in). */
export function getPlayer(game_id: string, username: string) {
  return UserGameMapping.get({ game_id, username })
}
