import { describe, expect, it } from 'vitest'

import {
  databaseKindOf,
  DatabaseUriError,
  describeTarget,
  mongoUriHasReplicaSet,
  redactUri,
} from '../../cms/src/lib/database.ts'

describe('databaseKindOf', () => {
  it.each([
    ['file:./data/clinic.db', 'sqlite'],
    ['file:///var/lib/clinic/clinic.db', 'sqlite'],
    ['mongodb://localhost:27017/clinic', 'mongodb'],
    ['MONGODB://db:27017/clinic', 'mongodb'],
    ['mongodb+srv://user:pw@cluster0.example.net/clinic', 'mongodb'],
  ])('selects the adapter for %s', (uri, kind) => {
    expect(databaseKindOf(uri)).toBe(kind)
  })

  it.each(['postgres://localhost/clinic', 'clinic.db', '', 'http://db'])(
    'refuses %j with a clear message',
    (uri) => {
      expect(() => databaseKindOf(uri)).toThrow(DatabaseUriError)
      expect(() => databaseKindOf(uri)).toThrow(/file:.*mongodb:\/\//)
    },
  )
})

describe('redactUri and describeTarget', () => {
  it('hides the password but keeps user and host', () => {
    expect(redactUri('mongodb://clinic:s3cr3t@db.internal:27017/clinic?replicaSet=rs0')).toBe(
      'mongodb://clinic:***@db.internal:27017/clinic?replicaSet=rs0',
    )
  })

  it('names the hosts of a MongoDB URI without credentials', () => {
    expect(
      describeTarget('mongodb://clinic:s3cr3t@db1:27017,db2:27017/clinic?replicaSet=rs0'),
    ).toBe('db1:27017,db2:27017')
  })

  it('names the file of a SQLite URI', () => {
    expect(describeTarget('file:/srv/data/clinic.db')).toBe('/srv/data/clinic.db')
  })
})

describe('mongoUriHasReplicaSet', () => {
  it('is true for replicaSet= and for SRV URIs', () => {
    expect(mongoUriHasReplicaSet('mongodb://db:27017/clinic?replicaSet=rs0')).toBe(true)
    expect(mongoUriHasReplicaSet('mongodb+srv://cluster0.example.net/clinic')).toBe(true)
  })

  it('is false for a standalone server', () => {
    expect(mongoUriHasReplicaSet('mongodb://db:27017/clinic')).toBe(false)
  })
})
