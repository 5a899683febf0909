import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  NoteError,
  createEd25519Signer,
  createEd25519Verifier,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyBytes,
  formatSignedNote,
  openNote,
  parseSignedNote,
  signNote,
  verifierFromKey,
  type NoteErrorCode,
  type Verifier,
} from './index.ts'

const fails = (code: NoteErrorCode) => (e: unknown) => e instanceof NoteError && e.code === code

// golang.org/x/mod/sumdb/note package documentation: a published key pair and the notes it signs.
const PETER_SKEY_SEED = Uint8Array.from(Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1))
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const PETER_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n'
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n'
const PETER_NOTE = `${PETER_TEXT}\n${PETER_SIG}`

function newKey(name: string) {
  const { privateKey } = generateKeyPairSync('ed25519')
  return { signer: createEd25519Signer(name, privateKey), verifier: createEd25519Verifier(name, ed25519PublicKeyBytes(privateKey)) }
}

describe('signed notes: interop with golang.org/x/mod/sumdb/note', () => {
  it('opens the published note with the published verifier key', async () => {
    const note = await openNote(PETER_NOTE, [verifierFromKey(PETER_VKEY)])
    assert.equal(note.text, PETER_TEXT)
    assert.deepEqual(note.verified.map((s) => [s.name, s.keyId]), [['PeterNeumann', 0xc74f20a3]])
    assert.deepEqual(note.unverified, [])
  })

  it('signs byte-for-byte like the Go implementation (Ed25519 is deterministic)', async () => {
    const signer = createEd25519Signer('PeterNeumann', ed25519PrivateKeyFromSeed(PETER_SKEY_SEED))
    assert.equal(await signNote(PETER_TEXT, [signer]), PETER_NOTE)
  })

  it('keeps signatures by unknown keys as unverified', async () => {
    const note = await openNote(`${PETER_TEXT}\n${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [verifierFromKey(PETER_VKEY)])
    assert.deepEqual(note.unverified.map((s) => s.name), ['EnochRoot'])
    await assert.rejects(openNote(`${PETER_TEXT}\n${ENOCH_SIG}`, [verifierFromKey(PETER_VKEY)]), fails('NOTE_UNVERIFIED'))
  })
})

describe('signed notes: sign, format, parse, open', () => {
  it('round-trips format → parse, Chinese text and empty lines included', () => {
    const text = '智城 账本\n\n第二段\n'
    const signatures = [
      { name: 'ledger.example.gov.cn/log1', keyId: 0x01020304, signature: Uint8Array.of(9, 8, 7) },
      { name: '见证/w1', keyId: 0xffffffff, signature: new Uint8Array(72).fill(1) },
    ]
    const parsed = parseSignedNote(formatSignedNote(text, signatures))
    assert.equal(parsed.text, text)
    assert.deepEqual(parsed.signatures, signatures)
    assert.deepEqual(parseSignedNote(new TextEncoder().encode(formatSignedNote(text, signatures))), parsed)
  })

  it('signs with several keys and verifies with Ed25519', async () => {
    const [log, other] = [newKey('ledger.example.gov.cn/log1'), newKey('mirror.example/m')]
    const signed = await signNote('hello\n', [log.signer, other.signer])
    const note = await openNote(signed, [log.verifier, other.verifier])
    assert.equal(note.verified.length, 2)
    assert.equal((await openNote(signed, [other.verifier])).unverified.length, 1)
  })

  it('rejects a wrong key: unknown key IDs are ignored, a known key that fails rejects the note', async () => {
    const [log, impostor] = [newKey('ledger.example.gov.cn/log1'), newKey('ledger.example.gov.cn/log1')]
    const signed = await signNote('entry 1\n', [log.signer])
    // Same name, different key: another key ID, so the signature is not by a known key.
    await assert.rejects(openNote(signed, [impostor.verifier]), fails('NOTE_UNVERIFIED'))
    // Same name and key ID but the wrong public key: the signature must fail.
    const lying: Verifier = { name: log.verifier.name, keyId: log.verifier.keyId, verify: impostor.verifier.verify }
    await assert.rejects(openNote(signed, [lying]), fails('NOTE_INVALID_SIGNATURE'))
    await assert.rejects(openNote(signed.replace('entry 1', 'entry 2'), [log.verifier]), fails('NOTE_INVALID_SIGNATURE'))
    await assert.rejects(openNote(signed, []), fails('NOTE_UNVERIFIED'))
  })

  it('re-signing replaces the signer’s old signature and keeps the others', async () => {
    const [a, b] = [newKey('a.example/k'), newKey('b.example/k')]
    const first = parseSignedNote(await signNote('t\n', [a.signer, b.signer]))
    const again = parseSignedNote(await signNote('t\n', [a.signer], first.signatures))
    assert.deepEqual(again.signatures.map((s) => s.name), ['b.example/k', 'a.example/k'])
  })

  it('checks a repeated signature once, accepts async verifiers, refuses ambiguous verifier sets', async () => {
    const k = newKey('k.example/1')
    const signed = await signNote('x\n', [k.signer])
    const sigLine = signed.slice(signed.indexOf('—'))
    let calls = 0
    const counting: Verifier = { name: k.verifier.name, keyId: k.verifier.keyId, verify: async (m, s) => (calls++, k.verifier.verify(m, s)) }
    const note = await openNote(signed + sigLine, [counting])
    assert.equal(calls, 1)
    assert.equal(note.verified.length, 1)
    await assert.rejects(openNote(signed, [k.verifier, k.verifier]), fails('NOTE_AMBIGUOUS_VERIFIER'))
  })
})

describe('signed notes: malformed input is rejected with typed errors', () => {
  const sig = PETER_SIG
  const cases: Array<[string, string | Uint8Array, NoteErrorCode]> = [
    ['missing blank line', `${PETER_TEXT}${sig}`, 'NOTE_MISSING_BLANK_LINE'],
    ['no signatures after the blank line', `${PETER_TEXT}\n`, 'NOTE_NO_SIGNATURES'],
    ['bad base64', `${PETER_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG!!\n`, 'NOTE_BAD_BASE64'],
    ['base64 without padding', `${PETER_TEXT}\n— PeterNeumann AAAAAAAAAA\n`, 'NOTE_BAD_BASE64'],
    ['base64 with non-zero padding bits', `${PETER_TEXT}\n— PeterNeumann AAAAAAAAAAB=\n`, 'NOTE_BAD_BASE64'],
    ['signature of only a key ID', `${PETER_TEXT}\n— PeterNeumann AAAAAA==\n`, 'NOTE_SIGNATURE_TOO_SHORT'],
    ['hyphen instead of em dash', `${PETER_TEXT}\n- PeterNeumann AAAAAAA=\n`, 'NOTE_BAD_SIGNATURE_LINE'],
    ['no space before the signature', `${PETER_TEXT}\n— PeterNeumann\n`, 'NOTE_BAD_SIGNATURE_LINE'],
    ['plus in the key name', `${PETER_TEXT}\n— Peter+Neumann AAAAAAA=\n`, 'NOTE_INVALID_KEY_NAME'],
    ['trailing garbage line', `${PETER_NOTE}garbage\n`, 'NOTE_BAD_SIGNATURE_LINE'],
    ['trailing garbage without newline', `${PETER_NOTE}garbage`, 'NOTE_MISSING_FINAL_NEWLINE'],
    ['carriage returns', PETER_NOTE.replace(/\n/g, '\r\n'), 'NOTE_CONTROL_CHARACTER'],
    ['a tab in the text', `a\tb\n\n${sig}`, 'NOTE_CONTROL_CHARACTER'],
    ['non-UTF-8 bytes', Uint8Array.from([...Buffer.from(PETER_TEXT), 0xff, 0x0a, 0x0a, ...Buffer.from(sig)]), 'NOTE_INVALID_UTF8'],
    ['a truncated UTF-8 sequence', Uint8Array.from([0xe6, 0x99, 0x0a, 0x0a, ...Buffer.from(sig)]), 'NOTE_INVALID_UTF8'],
    ['a lone surrogate', `\ud800\n\n${sig}`, 'NOTE_INVALID_UTF8'],
    ['too many signatures', `${PETER_TEXT}\n${sig.repeat(101)}`, 'NOTE_TOO_MANY_SIGNATURES'],
  ]
  for (const [desc, input, code] of cases) {
    it(desc, async () => {
      assert.throws(() => parseSignedNote(input), fails(code))
      await assert.rejects(openNote(input, [verifierFromKey(PETER_VKEY)]), fails(code))
    })
  }

  it('honours maxSignatures but always accepts at least 16', () => {
    assert.equal(parseSignedNote(`${PETER_TEXT}\n${PETER_SIG.repeat(100)}`).signatures.length, 100)
    assert.throws(() => parseSignedNote(`${PETER_TEXT}\n${PETER_SIG.repeat(21)}`, { maxSignatures: 20 }), fails('NOTE_TOO_MANY_SIGNATURES'))
    assert.equal(parseSignedNote(`${PETER_TEXT}\n${PETER_SIG.repeat(16)}`, { maxSignatures: 2 }).signatures.length, 16)
  })

  it('reports the failing line', () => {
    try {
      parseSignedNote(`${PETER_NOTE}oops\n`)
      assert.fail('must throw')
    } catch (err) {
      assert.ok(err instanceof NoteError)
      assert.equal(err.line, 5)
    }
  })

  it('refuses to format or sign text without a final newline or with control characters', async () => {
    const one = [{ name: 'a', keyId: 1, signature: Uint8Array.of(1) }]
    assert.throws(() => formatSignedNote('no newline', one), fails('NOTE_MISSING_FINAL_NEWLINE'))
    assert.throws(() => formatSignedNote('a\rb\n', one), fails('NOTE_CONTROL_CHARACTER'))
    assert.throws(() => formatSignedNote('a\n', []), fails('NOTE_NO_SIGNATURES'))
    assert.throws(() => formatSignedNote('a\n', [{ ...one[0], name: 'a b' }]), fails('NOTE_INVALID_KEY_NAME'))
    await assert.rejects(signNote('x', [newKey('a').signer]), fails('NOTE_MISSING_FINAL_NEWLINE'))
  })
})
