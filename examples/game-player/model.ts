// The battle-royale game design: users, games and the users in each game, in one table.
// The original data carries no entity attribute, so entities are told apart by key pattern.
import { z } from 'zod'
import { defineTable, defineCollection } from '../../src/index.js'
import { client } from '../lib/client.js'

export const table = defineTable({
  name: process.env.GAME_TABLE ?? 'battle-royale',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    // Sparse: only games that are open carry `open_timestamp`.
    OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
    // The table's keys swapped: a user's USER#{username} rows across every game.
    InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' },
  },
  entityAttribute: false,
  client,
})

export const User = table.entity('User', {
  schema: z.object({
    username: z.string(),
    name: z.string(),
    email: z.string(),
    address: z.string(),
    birthdate: z.string(),
  }),
  key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
})

export const Game = table.entity('Game', {
  schema: z.object({
    game_id: z.string(),
    map: z.string(),
    creator: z.string(),
    create_time: z.string(),
    people: z.number().int().min(0).max(50),
    // Present only while the game is open: it puts the game in the sparse OpenGamesIndex.
    open_timestamp: z.string().optional(),
    start_time: z.string().optional(),
    end_time: z.string().optional(),
    // Set when the game's results are in.
    gold: z.string().optional(),
    silver: z.string().optional(),
    bronze: z.string().optional(),
  }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})

export const UserGameMapping = table.entity('UserGameMapping', {
  schema: z.object({
    game_id: z.string(),
    username: z.string(),
    place: z.enum(['gold', 'silver', 'bronze']).optional(),
  }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

/** A game and its players share the partition GAME#{game_id}: one query reads both. */
export const GameWithPlayers = defineCollection('GameWithPlayers', [Game, UserGameMapping])

export type UserItem = typeof User.types.item
export type GameItem = typeof Game.types.item
export type Player = typeof UserGameMapping.types.item
