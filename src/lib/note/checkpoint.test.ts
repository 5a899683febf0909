import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import { MemoryTree, SM3_HASHER } from '../merkle/index.ts'
import {
  NoteError,
  cosignatureMessage,
  createEd25519CosignatureVerifier,
  createEd25519Cosigner,
  createEd25519Signer,
  createEd25519Verifier,
  decodeCosignature,
  ed25519PublicKeyBytes,
  encodeCosignature,
  formatCheckpoint,
  formatKeyId,
  openCheckpoint,
  parseCheckpoint,
  parseSignedNote,
  signNote,
  type NoteErrorCode,
} from './index.ts'

const fails = (code: NoteErrorCode) => (e: unknown) => e instanceof NoteError && e.code === code

// C2SP tlog-checkpoint / tlog-cosignature example (README §7.5): a parse fixture only, the
// example keys are not published.
const EXAMPLE_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'
const EXAMPLE = `${EXAMPLE_TEXT}
— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==
`

describe('checkpoints: the C2SP example (parse fixture)', () => {
  it('parses origin, size 20852163 and root hash, with a log signature and a cosignature', () => {
    const note = parseSignedNote(EXAMPLE)
    const cp = parseCheckpoint(note.text)
    assert.equal(cp.origin, 'example.com/behind-the-sofa')
    assert.equal(cp.size, 20852163)
    assert.equal(Buffer.from(cp.rootHash).toString('hex'), '0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62')
    assert.deepEqual(cp.extensions, [])
    assert.deepEqual(note.signatures.map((s) => [s.name, formatKeyId(s.keyId), s.signature.length]), [
      ['example.com/behind-the-sofa', '033de0ae', 64],
      ['witness.example.com/w1', '8d66cf3f', 72],
    ])
    assert.equal(formatCheckpoint(cp), EXAMPLE_TEXT)
  })

  it('decodes the witness cosignature timestamp and rebuilds the spec’s signed message', () => {
    const { timestamp, signature } = decodeCosignature(parseSignedNote(EXAMPLE).signatures[1].signature)
    assert.equal(timestamp, 1679315147)
    assert.equal(signature.length, 64)
    assert.equal(cosignatureMessage(timestamp, EXAMPLE_TEXT), `cosignature/v1\ntime 1679315147\n${EXAMPLE_TEXT}`)
  })
})

describe('checkpoints: format and parse', () => {
  it('round-trips, extension lines and size 0 included', () => {
    for (const cp of [
      { origin: 'ledger.example.gov.cn/log1', size: 0, rootHash: SM3_HASHER.emptyRoot(), extensions: [] },
      { origin: '智城/账本', size: Number.MAX_SAFE_INTEGER, rootHash: new Uint8Array(32).fill(7), extensions: ['ext one', '扩展'] },
    ]) {
      assert.deepEqual(parseCheckpoint(formatCheckpoint(cp)), cp)
    }
  })

  const bad: Array<[string, string]> = [
    ['no final newline', EXAMPLE_TEXT.slice(0, -1)],
    ['two lines', 'example.com/log\n5\n'],
    ['empty origin', '\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['leading zero', 'o\n020852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['negative size', 'o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['exponent size', 'o\n1e3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['size beyond 2^53 - 1', 'o\n9007199254740992\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['short root hash', 'o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n'],
    ['root hash not base64', 'o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n'],
    ['empty extension line', `${EXAMPLE_TEXT}\n`],
    ['control character in the origin', 'o\to\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
  ]
  for (const [desc, text] of bad) {
    it(`rejects ${desc}`, () => assert.throws(() => parseCheckpoint(text), fails('NOTE_BAD_CHECKPOINT')))
  }

  it('checks the root hash length against hashSize and refuses to format bad fields', () => {
    assert.throws(() => parseCheckpoint(EXAMPLE_TEXT, { hashSize: 48 }), fails('NOTE_BAD_CHECKPOINT'))
    const cp = parseCheckpoint(EXAMPLE_TEXT)
    assert.throws(() => formatCheckpoint({ ...cp, origin: 'a\nb' }), fails('NOTE_BAD_CHECKPOINT'))
    assert.throws(() => formatCheckpoint({ ...cp, size: -1 }), fails('NOTE_BAD_CHECKPOINT'))
    assert.throws(() => formatCheckpoint({ ...cp, extensions: [''] }), fails('NOTE_BAD_CHECKPOINT'))
  })
})

describe('checkpoints: signed by the log, cosigned by a witness (Ed25519 interop)', () => {
  const origin = 'ledger.example.gov.cn/log1'
  const logKey = generateKeyPairSync('ed25519').privateKey
  const witnessKey = generateKeyPairSync('ed25519').privateKey
  const log = { signer: createEd25519Signer(origin, logKey), verifier: createEd25519Verifier(origin, ed25519PublicKeyBytes(logKey)) }
  const witness = {
    signer: createEd25519Cosigner('witness.example/w1', witnessKey, () => 1_700_000_000.9),
    verifier: createEd25519CosignatureVerifier('witness.example/w1', ed25519PublicKeyBytes(witnessKey)),
  }
  const tree = new MemoryTree(SM3_HASHER)
  for (let i = 0; i < 10; i++) tree.appendData(new TextEncoder().encode(`entry ${i}`))
  const text = formatCheckpoint({ origin, size: tree.size, rootHash: tree.root(), extensions: [] })

  it('opens a checkpoint of an SM3 tree signed by both', async () => {
    const signed = await signNote(text, [log.signer, witness.signer])
    const { checkpoint, note } = await openCheckpoint(signed, [log.verifier, witness.verifier])
    assert.equal(checkpoint.size, 10)
    assert.deepEqual(checkpoint.rootHash, tree.root())
    assert.equal(note.verified.length, 2)
    const cosig = decodeCosignature(note.verified[1].signature)
    assert.equal(cosig.timestamp, 1_700_000_000)
  })

  it('rejects a cosignature whose timestamp or text was changed, and a cosignature under the log key type', async () => {
    const signed = parseSignedNote(await signNote(text, [witness.signer]))
    const cosig = decodeCosignature(signed.signatures[0].signature)
    const message = new TextEncoder().encode(text)
    assert.equal(await witness.verifier.verify(message, encodeCosignature(cosig)), true)
    assert.equal(await witness.verifier.verify(message, encodeCosignature({ ...cosig, timestamp: cosig.timestamp + 1 })), false)
    assert.equal(await witness.verifier.verify(new TextEncoder().encode(text.replace('10', '11')), encodeCosignature(cosig)), false)
    assert.equal(await witness.verifier.verify(message, cosig.signature), false)
    // A plain Ed25519 verifier for the same key has a different key ID (type 0x01 vs 0x04).
    const plain = createEd25519Verifier('witness.example/w1', ed25519PublicKeyBytes(witnessKey))
    assert.notEqual(plain.keyId, witness.verifier.keyId)
    await assert.rejects(openCheckpoint(await signNote(text, [witness.signer]), [plain]), fails('NOTE_UNVERIFIED'))
  })

  it('rejects malformed cosignature bytes and timestamps', () => {
    assert.throws(() => decodeCosignature(new Uint8Array(71)), fails('NOTE_BAD_COSIGNATURE'))
    assert.throws(() => decodeCosignature(new Uint8Array(72).fill(0xff)), fails('NOTE_BAD_COSIGNATURE'))
    assert.throws(() => cosignatureMessage(-1, text), fails('NOTE_BAD_COSIGNATURE'))
    assert.throws(() => cosignatureMessage(1, 'no newline'), fails('NOTE_MISSING_FINAL_NEWLINE'))
    assert.throws(() => encodeCosignature({ timestamp: 1, signature: new Uint8Array(63) }), fails('NOTE_BAD_COSIGNATURE'))
  })
})
