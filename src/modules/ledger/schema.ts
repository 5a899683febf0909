import { Type, type Static } from 'typebox'

const HEX64 = '^[0-9a-f]{64}$'

export const HashRef = Type.String({ pattern: '^((sm3|sha256):)?[0-9a-fA-F]{64}$', description: '`sm3:<hex>` or `sha256:<hex>`; bare hex is SM3 unless hashAlgorithm says otherwise' })

export const EvidenceItem = Type.Object({
  hash: Type.Optional(HashRef),
  hashAlgorithm: Type.Optional(Type.Union([Type.Literal('sm3'), Type.Literal('sha256')], { description: 'Hash for `content` and bare hex; default sm3' })),
  content: Type.Optional(Type.String({ minLength: 1, description: 'The file itself, standard padded base64; hashed by the server and kept in its object store' })),
  type: Type.String({ minLength: 1, maxLength: 60, description: 'Evidence type, e.g. contract, photo, inspection-record' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  department: Type.String({ minLength: 1, maxLength: 120, description: 'Submitting department' }),
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Plain JSON, at most 8 KiB canonical' })),
}, { additionalProperties: false })
export type EvidenceItem = Static<typeof EvidenceItem>

export const EvidenceBatchBody = Type.Object({ items: Type.Array(EvidenceItem, { description: 'At most LEDGER_MAX_BATCH (default 1000) items' }) }, { additionalProperties: false })
export type EvidenceBatchBody = Static<typeof EvidenceBatchBody>

export const ReceiptSchema = Type.Object({
  format: Type.Literal('zhicheng-ledger-receipt/v1'),
  origin: Type.String(),
  treeHash: Type.Union([Type.Literal('sm3'), Type.Literal('sha256')]),
  index: Type.Integer({ minimum: 0 }),
  entry: Type.Object({
    id: Type.String(), kind: Type.String(), hash: Type.String(),
    meta: Type.Record(Type.String(), Type.Unknown()), time: Type.Integer({ description: 'epoch ms; part of the leaf' }),
  }),
  leafHash: Type.String({ pattern: HEX64 }),
  inclusionProof: Type.Array(Type.String({ pattern: HEX64 })),
  checkpoint: Type.String({ description: 'C2SP signed note: log signature(s) and witness cosignatures' }),
  recordedAt: Type.String({ format: 'date-time' }),
})

export const EvidenceSchema = Type.Object({
  id: Type.String(),
  index: Type.Integer({ minimum: 0 }),
  type: Type.String(),
  title: Type.String(),
  department: Type.String(),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
  submittedBy: Type.Union([Type.String(), Type.Null()]),
  receipt: ReceiptSchema,
})

export const EvidenceBatchReply = Type.Object({
  items: Type.Array(Type.Union([
    Type.Object({ ok: Type.Literal(true), evidence: EvidenceSchema }),
    Type.Object({ ok: Type.Literal(false), item: Type.Integer(), code: Type.String(), detail: Type.String() }),
  ])),
})

export const EvidenceList = Type.Object({ items: Type.Array(EvidenceSchema) })

export const EvidenceQuery = Type.Object({ hash: HashRef }, { additionalProperties: false })
export type EvidenceQuery = Static<typeof EvidenceQuery>

export const EvidenceParams = Type.Object({ id: Type.String({ pattern: '^ent_[0-9A-HJKMNP-TV-Z]{26}$' }) })
export type EvidenceParams = Static<typeof EvidenceParams>

export const VerifyBody = Type.Object({
  receipt: Type.Record(Type.String(), Type.Unknown(), { description: 'A receipt as issued' }),
  content: Type.Optional(Type.String({ minLength: 1, pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'The file, base64' })),
  hash: Type.Optional(HashRef),
}, { additionalProperties: false })
export type VerifyBody = Static<typeof VerifyBody>

export const VerifyReply = Type.Object({
  verified: Type.Literal(true),
  origin: Type.String(),
  index: Type.Integer(),
  treeSize: Type.Integer(),
  rootHash: Type.String(),
  leafHash: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
  logSignatures: Type.Array(Type.String()),
  witnesses: Type.Array(Type.Object({ name: Type.String(), time: Type.String() })),
  payload: Type.Optional(Type.Object({ hash: Type.String(), matches: Type.Literal(true) })),
})

export const LogInfoReply = Type.Object({
  origin: Type.String(),
  treeHash: Type.String(),
  keys: Type.Array(Type.String(), { description: 'Verifier keys of the log (SM2 type 0xff sm2/v1, Ed25519 0x01)' }),
  witnesses: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), key: Type.String() })),
  quorum: Type.Integer(),
  size: Type.Integer(),
  checkpoint: Type.Union([Type.String(), Type.Null()]),
})

export const AuditReply = Type.Object({
  ok: Type.Boolean(),
  size: Type.Integer(),
  rootHash: Type.String(),
  entriesChecked: Type.Integer(),
  checkpointsChecked: Type.Integer(),
  problems: Type.Array(Type.Object({
    kind: Type.Union([Type.Literal('entry'), Type.Literal('node'), Type.Literal('checkpoint'), Type.Literal('tree')]),
    index: Type.Integer(), id: Type.Optional(Type.String()), detail: Type.String(),
  })),
})

export type Receipt = Static<typeof ReceiptSchema>
export type EvidenceReply = Static<typeof EvidenceSchema>
export type VerifyReply = Static<typeof VerifyReply>
export type LogInfoReply = Static<typeof LogInfoReply>
