import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import type { Kysely } from 'kysely'
import type { AuditLog } from '../../../core/audit.ts'
import type { RegistersRepo } from '../repo/registers.ts'
import type { GridPiiKeyTable } from '../tables.ts'
import { createPiiKeyring, filePiiKeySource, PII_KEY_PURPOSE, type PiiKeySource } from './pii.ts'

const ID = '44200019900307135X'

/** In-memory ports: a repo holding the key row and legacy people, an audit log that records actions. */
function fakes(opts: { rival?: GridPiiKeyTable; people?: Array<{ id: string; id_number: string; mobile: string | null; id_number_enc?: string | null }> } = {}) {
  let row: GridPiiKeyTable | undefined
  const people = (opts.people ?? []).map((p) => ({ ...p, id_number_enc: p.id_number_enc ?? null as string | null }))
  const audit: string[] = []
  const inserts: GridPiiKeyTable[] = []
  const repo = {
    async getPiiKey() { return row },
    async insertPiiKey(_trx: unknown, r: GridPiiKeyTable) {
      inserts.push(r)
      // Another process stored its key between our read and our insert.
      if (opts.rival) { row = opts.rival; throw Object.assign(new Error('duplicate key'), { code: '23505' }) }
      row = r
    },
    async unencryptedPeople(limit: number) { return people.filter((p) => p.id_number_enc === null).slice(0, limit) },
    async unencryptedUnits() { return [] },
    async encryptPerson(_trx: unknown, id: string, set: { id_number: string; id_number_enc: string | null }) {
      const p = people.find((x) => x.id === id && x.id_number_enc === null)
      if (!p) return false
      Object.assign(p, set)
      return true
    },
    async encryptUnit() { return false },
  } as unknown as RegistersRepo
  const deps = {
    db: { isTransaction: true } as unknown as Kysely<any>, registers: repo, clock: { now: () => 1_700_000_000_000 },
    audit: { append: async (_trx: unknown, a: { action: string }) => { audit.push(a.action); return 'aud_1' } } as unknown as AuditLog,
    log: pino({ level: 'silent' }),
  }
  return { deps, audit, inserts, people, row: () => row }
}

/** A source that wraps by XOR with a fixed pad: enough to tell keys apart in these tests. */
function fakeSource(name: 'crypto' | 'file' = 'crypto', fail = false): PiiKeySource & { unwraps: number } {
  const pad = Buffer.alloc(16, 0x5a)
  const xor = (b: Uint8Array) => Buffer.from(b.map((x, i) => x ^ pad[i]!))
  let n = 0
  return {
    name,
    unwraps: 0,
    async create() {
      n++
      const plaintext = Buffer.alloc(16, n)
      return { keyId: 'key_wrap', keyVersion: 1, wrapped: xor(plaintext), plaintext }
    },
    async unwrap(s) {
      this.unwraps++
      if (fail) throw new Error('does not unwrap')
      return xor(s.wrapped)
    },
  }
}

test('the first start stores one wrapped data key (audited) and later calls reuse it without unwrapping again', async () => {
  const f = fakes()
  const source = fakeSource()
  const keyring = createPiiKeyring(f.deps, source)
  const c = await keyring.cipher()
  assert.equal(await keyring.cipher(), c)
  assert.equal(source.unwraps, 1)
  assert.equal(f.inserts.length, 1)
  assert.deepEqual({ ...f.row()!, wrapped: undefined }, { purpose: PII_KEY_PURPOSE, source: 'crypto', key_id: 'key_wrap', key_version: 1, wrapped: undefined, created_at: 1_700_000_000_000 })
  assert.deepEqual(f.audit, ['grid.pii_key.created'])
  // A second process on the same rows reads the stored key: same index, no new key.
  const other = createPiiKeyring(f.deps, fakeSource())
  assert.equal((await other.cipher()).idNumberIndex(ID), c.idNumberIndex(ID))
  assert.equal(f.inserts.length, 1)
})

test('losing the insert race to another process uses the winner\'s key, not ours', async () => {
  const winner = fakes()
  const winnerCipher = await createPiiKeyring(winner.deps, fakeSource()).cipher()
  const f = fakes({ rival: winner.row() })
  const source = fakeSource()
  await source.create() // our source would make a different key than the winner's
  const c = await createPiiKeyring(f.deps, source).cipher()
  assert.equal(f.inserts.length, 1)
  assert.equal(c.idNumberIndex(ID), winnerCipher.idNumberIndex(ID))
  assert.deepEqual(f.audit, [])
})

test('a key that does not unwrap, or another source, is refused and tried again on the next call; never replaced', async () => {
  const f = fakes()
  await createPiiKeyring(f.deps, fakeSource()).cipher()
  const stored = f.row()
  const failing = fakeSource('crypto', true)
  const keyring = createPiiKeyring(f.deps, failing)
  await assert.rejects(keyring.cipher(), /does not unwrap/)
  await assert.rejects(keyring.cipher(), /does not unwrap/)
  assert.equal(failing.unwraps, 2)
  await assert.rejects(createPiiKeyring(f.deps, fakeSource('file')).cipher(), /wrapped by crypto, but the module runs with file keys/)
  assert.equal(f.row(), stored)
  assert.equal(f.inserts.length, 1)
})

test('the backfill encrypts legacy rows once, replaces their clear values by masked ones, and audits once', async () => {
  const f = fakes({ people: [{ id: 'gper_1', id_number: ID.toLowerCase(), mobile: '13912345678' }, { id: 'gper_2', id_number: '442000199303071351', mobile: null }] })
  const keyring = createPiiKeyring(f.deps, fakeSource())
  const c = await keyring.cipher()
  assert.deepEqual(f.people.map((p) => [p.id_number, p.mobile]), [['4420**********135X', '139****5678'], ['4420**********1351', null]])
  assert.equal((f.people[0] as unknown as { id_number_index: string }).id_number_index, c.idNumberIndex(ID))
  assert.deepEqual(f.audit, ['grid.pii_key.created', 'grid.pii.backfilled'])
  assert.deepEqual(await keyring.backfill(), { people: 0, units: 0 })
  assert.deepEqual(f.audit, ['grid.pii_key.created', 'grid.pii.backfilled'])
})

test('the key file: created 0600 once, the same key on the next load; a data key wrapped under another file does not open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zc-grid-pii-unit-'))
  const other = mkdtempSync(join(tmpdir(), 'zc-grid-pii-unit-'))
  try {
    const made = await filePiiKeySource(dir).create()
    assert.equal(statSync(join(dir, 'grid-pii.key')).mode & 0o777, 0o600)
    assert.match(made.keyId, /^file:[0-9a-f]{16}$/)
    assert.deepEqual(Buffer.from(await filePiiKeySource(dir).unwrap(made)), Buffer.from(made.plaintext))
    await assert.rejects(filePiiKeySource(other).unwrap(made), /not by this DATA_DIR's grid-pii.key/)
    const bad = Buffer.from(made.wrapped)
    bad[20]! ^= 1
    await assert.rejects(filePiiKeySource(dir).unwrap({ ...made, wrapped: bad }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
    rmSync(other, { recursive: true, force: true })
  }
})
