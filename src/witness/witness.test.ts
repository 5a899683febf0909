import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { MemoryTree, SM3_HASHER } from '../lib/merkle/index.ts'
import { createEd25519CosignatureVerifier, createEd25519Cosigner, createEd25519Signer, createEd25519Verifier, ed25519PublicKeyBytes, encodeBase64, formatCheckpoint, openNote, signNote } from '../lib/note/index.ts'
import { createWitness, type WitnessedCheckpoint } from './witness.ts'

const ORIGIN = 'log.test/a'
const log = generateKeyPairSync('ed25519')
const w = generateKeyPairSync('ed25519')

function setup() {
  const state = new Map<string, WitnessedCheckpoint>()
  const witness = createWitness({
    cosigner: createEd25519Cosigner('w.test', w.privateKey, () => 1000),
    logs: new Map([[ORIGIN, [createEd25519Verifier(ORIGIN, ed25519PublicKeyBytes(log.publicKey))]]]),
    hash: 'sm3',
    state: { get: (o) => state.get(o), set: (o, c) => { state.set(o, c) } },
  })
  return { state, witness }
}

const tree = new MemoryTree(SM3_HASHER)
for (let i = 0; i < 10; i++) tree.appendData(Buffer.from(`e${i}`))
const note = (size: number, root = tree.root(size), key = log.privateKey) => signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: root, extensions: [] }), [createEd25519Signer(ORIGIN, key)])
const body = async (old: number, size: number, proof = old > 0 && old < size ? tree.consistencyProof(old, size) : []) => `old ${old}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${await note(size)}`

describe('tlog witness add-checkpoint', () => {
  it('cosigns from old size 0, then only a consistent extension, persisting before it answers', async () => {
    const { state, witness } = setup()
    const first = await witness.addCheckpoint(await body(0, 4))
    assert.equal(first.status, 200)
    const cosigned = await openNote(`${(await note(4)).split('\n\n')[0]}\n\n${first.body}`, [createEd25519CosignatureVerifier('w.test', ed25519PublicKeyBytes(w.publicKey))])
    assert.equal(cosigned.verified.length, 1)
    assert.deepEqual(state.get(ORIGIN), { size: 4, rootHash: encodeBase64(tree.root(4)) })
    assert.equal((await witness.addCheckpoint(await body(4, 9))).status, 200)
    assert.equal(state.get(ORIGIN)?.size, 9)
    assert.equal((await witness.addCheckpoint(await body(9, 9))).status, 200)
  })

  it('refuses forks, stale sizes, unknown logs, bad signatures and malformed requests without changing its state', async () => {
    const { state, witness } = setup()
    await witness.addCheckpoint(await body(0, 4))
    const forked = new MemoryTree(SM3_HASHER)
    for (let i = 0; i < 6; i++) forked.appendData(Buffer.from(`other ${i}`))
    const fork = `old 4\n${forked.consistencyProof(4, 6).map((h) => `${encodeBase64(h)}\n`).join('')}\n${await note(6, forked.root())}`
    assert.equal((await witness.addCheckpoint(fork)).status, 422)
    const stale = await witness.addCheckpoint(await body(2, 6))
    assert.deepEqual([stale.status, stale.contentType, stale.body], [409, 'text/x.tlog.size', '4\n'])
    assert.equal((await witness.addCheckpoint(`old 4\n\n${await note(4, forked.root(4))}`)).status, 409)
    assert.equal((await witness.addCheckpoint(`old 0\n\n${await note(4, tree.root(4), generateKeyPairSync('ed25519').privateKey)}`)).status, 403)
    const other = await signNote(formatCheckpoint({ origin: 'log.test/b', size: 1, rootHash: tree.root(1), extensions: [] }), [createEd25519Signer('log.test/b', log.privateKey)])
    assert.equal((await witness.addCheckpoint(`old 0\n\n${other}`)).status, 404)
    assert.equal((await witness.addCheckpoint(`old 7\n\n${await note(6)}`)).status, 400)
    assert.equal((await witness.addCheckpoint(`old 4\n!!\n\n${await note(6)}`)).status, 400)
    assert.equal((await witness.addCheckpoint('old 04\n\n')).status, 400)
    assert.deepEqual(state.get(ORIGIN), { size: 4, rootHash: encodeBase64(tree.root(4)) })
  })
})
