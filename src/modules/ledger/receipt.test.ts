import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { createSm2Signer, sm2GenerateKeyPair } from '../../lib/crypto/index.ts'
import { MemoryTree, SM3_HASHER } from '../../lib/merkle/index.ts'
import { createEd25519Cosigner, createEd25519Signer, ed25519PublicKeyBytes, ed25519VerifierKey, formatCheckpoint, formatVerifierKey, signNote } from '../../lib/note/index.ts'
import { leafBytes, toHex, type EntryFields } from './leaf.ts'
import { createSm2NoteSigner, sm2VerifierKey } from './note-keys.ts'
import { RECEIPT_FORMAT, verifyReceipt, type Receipt } from './receipt.ts'

const ORIGIN = 'ledger.test/log'
const file = Buffer.from('证据文件')
const sm2 = sm2GenerateKeyPair()
const ed = generateKeyPairSync('ed25519')
const witness = generateKeyPairSync('ed25519')
const LOG_SM2 = sm2VerifierKey(ORIGIN, sm2.publicKey)
const LOG_ED = ed25519VerifierKey(ORIGIN, ed25519PublicKeyBytes(ed.publicKey))
const WITNESS = formatVerifierKey('w.test/1', 0x04, ed25519PublicKeyBytes(witness.publicKey))

async function makeReceipt(): Promise<Receipt> {
  const tree = new MemoryTree(SM3_HASHER)
  const entries: EntryFields[] = Array.from({ length: 7 }, (_, i) => ({ id: `ent_${i}`, kind: 'evidence', hash: `sm3:${createHash('sm3').update(i === 5 ? file : Buffer.from(String(i))).digest('hex')}`, meta: { i }, time: 1_767_225_600_000 + i }))
  for (const e of entries) tree.appendData(leafBytes(e))
  const text = formatCheckpoint({ origin: ORIGIN, size: 7, rootHash: tree.root(), extensions: [] })
  const note = await signNote(text, [
    createSm2NoteSigner(ORIGIN, sm2.publicKey, async (m) => createSm2Signer(sm2.privateKey).sign(m, { format: 'raw' })),
    createEd25519Signer(ORIGIN, ed.privateKey),
    createEd25519Cosigner('w.test/1', witness.privateKey, () => 1_767_225_700),
  ])
  return {
    format: RECEIPT_FORMAT, origin: ORIGIN, treeHash: 'sm3', index: 5, entry: entries[5], leafHash: toHex(tree.getNode(0, 5)!),
    inclusionProof: tree.inclusionProof(5).map(toHex), checkpoint: note, recordedAt: new Date(entries[5].time).toISOString(),
  }
}

describe('offline receipt verification', () => {
  it('verifies file, leaf, SM2 and Ed25519 log signatures, proof and cosignature', async () => {
    const receipt = await makeReceipt()
    const v = await verifyReceipt(receipt, { logKeys: [LOG_SM2], witnessKeys: [WITNESS], file })
    assert.deepEqual({ index: v.index, size: v.treeSize, logs: v.logSignatures, witnesses: v.witnesses, payload: v.payload }, {
      index: 5, size: 7, logs: [ORIGIN], witnesses: [{ name: 'w.test/1', time: '2026-01-01T00:01:40.000Z' }], payload: { hash: receipt.entry.hash, matches: true },
    })
    assert.equal((await verifyReceipt(JSON.stringify(receipt), { logKeys: [LOG_ED] })).index, 5)
  })

  it('names the failing check for every corruption', async () => {
    const r = await makeReceipt()
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1)
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['other file', r, { file: Buffer.from('x') }, 'LEDGER_FILE_MISMATCH'],
      ['edited meta', { ...r, entry: { ...r.entry, meta: { i: 6 } } }, {}, 'LEDGER_LEAF_MISMATCH'],
      ['index - 1', { ...r, index: 4 }, {}, 'LEDGER_PROOF_INVALID'],
      ['index beyond size', { ...r, index: 7 }, {}, 'LEDGER_PROOF_MALFORMED'],
      ['flipped proof hash', { ...r, inclusionProof: r.inclusionProof.map((h, i) => (i === 1 ? flip(h) : h)) }, {}, 'LEDGER_PROOF_INVALID'],
      ['truncated proof', { ...r, inclusionProof: r.inclusionProof.slice(1) }, {}, 'LEDGER_PROOF_MALFORMED'],
      ['padded proof', { ...r, inclusionProof: [...r.inclusionProof, r.inclusionProof[0]] }, {}, 'LEDGER_PROOF_MALFORMED'],
      ['edited size', { ...r, checkpoint: r.checkpoint.replace('\n7\n', '\n8\n') }, {}, 'LEDGER_SIGNATURE_INVALID'],
      ['unsigned', { ...r, checkpoint: r.checkpoint.split('\n\n')[0] + '\n\n' }, {}, 'LEDGER_CHECKPOINT_MALFORMED'],
      ['no cosignature', r, { witnessKeys: [formatVerifierKey('w.test/2', 0x04, ed25519PublicKeyBytes(generateKeyPairSync('ed25519').publicKey))] }, 'LEDGER_WITNESS_QUORUM'],
      ['witness key as log key', r, { logKeys: [WITNESS] }, 'LEDGER_BAD_KEY'],
      ['garbage key', r, { logKeys: ['nope'] }, 'LEDGER_BAD_KEY'],
      ['not JSON', '{', {}, 'LEDGER_RECEIPT_MALFORMED'],
      ['upper-case hash', { ...r, entry: { ...r.entry, hash: r.entry.hash.toUpperCase() } }, {}, 'LEDGER_RECEIPT_MALFORMED'],
      ['other format', { ...r, format: 'v0' }, {}, 'LEDGER_RECEIPT_MALFORMED'],
    ]
    for (const [name, input, opts, code] of cases) {
      await assert.rejects(verifyReceipt(input, { logKeys: [LOG_SM2], ...opts }), { code }, name)
    }
  })
})
