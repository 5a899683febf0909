/**
 * The ledger's settings, read from the environment at boot (`LEDGER_*`); invalid values fail
 * there with a ConfigError naming the key. Tests and tools pass options to createLedgerModule.
 */
import { ConfigError } from '../../core/config.ts'
import { isValidKeyName } from '../../lib/note/index.ts'
import type { HashName } from '../../lib/merkle/index.ts'

/** One witness the log asks for cosignatures (c2sp.org/tlog-witness). */
export interface WitnessConfig {
  /** Submission prefix; the log POSTs to `<url>/add-checkpoint`. */
  readonly url: string
  /** The witness's cosignature verifier key (type 0x04). */
  readonly key: string
}

export interface LedgerOptions {
  /** The log's origin line and checkpoint key name, e.g. `ledger.zhongshan.gov.cn/evidence`. */
  readonly origin: string
  /** Merkle tree hash; SM3 unless the log must interoperate with SHA-256 tooling. */
  readonly hash: HashName
  /** Also sign checkpoints with an Ed25519 key (C2SP type 0x01) for public interop. */
  readonly ed25519: boolean
  readonly witnesses: readonly WitnessConfig[]
  /** Cosignatures needed before a checkpoint is published; at most witnesses.length. */
  readonly quorum: number
  /** Most items one evidence batch request may carry. */
  readonly maxBatch: number
  /** Most entries the sequencer integrates in one transaction. */
  readonly sequencerBatch: number
  /** How often the sequencer looks for anchored entries of other processes (ms). */
  readonly pollMs: number
  /** How long a submission waits for a witnessed checkpoint before answering 503 (ms). */
  readonly publishTimeoutMs: number
  /** Per-request timeout towards a witness (ms). */
  readonly witnessTimeoutMs: number
  /** Memory for the proof cache of the tree's upper levels (bytes); the cache never exceeds it. */
  readonly proofCacheBytes: number
}

export const DEFAULT_LEDGER_OPTIONS: LedgerOptions = Object.freeze({
  origin: 'zhicheng.local/ledger',
  hash: 'sm3',
  ed25519: true,
  witnesses: [],
  quorum: 0,
  maxBatch: 1000,
  sequencerBatch: 16384,
  pollMs: 500,
  publishTimeoutMs: 15_000,
  witnessTimeoutMs: 5_000,
  proofCacheBytes: 64 * 1024 * 1024,
})

type Source = Record<string, string | undefined>

function int(src: Source, key: string, def: number, min: number, max: number): number {
  const raw = src[key]?.trim()
  if (!raw) return def
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(key, `an integer ${min}-${max}`, raw)
  return Number(raw)
}

function witnesses(raw: string | undefined): WitnessConfig[] {
  if (!raw?.trim()) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new ConfigError('LEDGER_WITNESSES', 'a JSON array of {"url","key"}', raw)
  }
  if (!Array.isArray(parsed)) throw new ConfigError('LEDGER_WITNESSES', 'a JSON array of {"url","key"}', raw)
  return parsed.map((w) => {
    const ok = typeof w === 'object' && w !== null && typeof w.url === 'string' && /^https?:\/\/\S+$/.test(w.url) && typeof w.key === 'string'
    if (!ok) throw new ConfigError('LEDGER_WITNESSES', '{"url":"http(s)://…","key":"<name>+<id>+<base64>"}', w)
    return { url: w.url.replace(/\/+$/, ''), key: w.key }
  })
}

/** Reads LEDGER_ORIGIN, LEDGER_HASH, LEDGER_ED25519, LEDGER_WITNESSES, LEDGER_WITNESS_QUORUM, LEDGER_MAX_BATCH, LEDGER_POLL_MS, LEDGER_PUBLISH_TIMEOUT_MS, LEDGER_PROOF_CACHE_MB. Throws ConfigError. */
export function loadLedgerOptions(src: Source = process.env): LedgerOptions {
  const origin = src.LEDGER_ORIGIN?.trim() || DEFAULT_LEDGER_OPTIONS.origin
  if (!isValidKeyName(origin)) throw new ConfigError('LEDGER_ORIGIN', 'a key name without spaces or +', origin)
  const hash = (src.LEDGER_HASH?.trim() || 'sm3') as HashName
  if (hash !== 'sm3' && hash !== 'sha256') throw new ConfigError('LEDGER_HASH', 'sm3 or sha256', hash)
  const ed = src.LEDGER_ED25519?.trim().toLowerCase()
  if (ed && !['true', 'false', '1', '0'].includes(ed)) throw new ConfigError('LEDGER_ED25519', 'true or false', ed)
  const ws = witnesses(src.LEDGER_WITNESSES)
  return resolveLedgerOptions({
    origin, hash, ed25519: ed ? ed === 'true' || ed === '1' : true, witnesses: ws,
    quorum: int(src, 'LEDGER_WITNESS_QUORUM', ws.length, 0, ws.length),
    maxBatch: int(src, 'LEDGER_MAX_BATCH', DEFAULT_LEDGER_OPTIONS.maxBatch, 1, 100_000),
    pollMs: int(src, 'LEDGER_POLL_MS', DEFAULT_LEDGER_OPTIONS.pollMs, 10, 60_000),
    publishTimeoutMs: int(src, 'LEDGER_PUBLISH_TIMEOUT_MS', DEFAULT_LEDGER_OPTIONS.publishTimeoutMs, 100, 600_000),
    proofCacheBytes: int(src, 'LEDGER_PROOF_CACHE_MB', 64, 0, 65_536) * 1024 * 1024,
  })
}

/** Fills defaults and checks the combination (quorum within the witnesses). Throws ConfigError. */
export function resolveLedgerOptions(partial: Partial<LedgerOptions> = {}): LedgerOptions {
  const o = { ...DEFAULT_LEDGER_OPTIONS, ...partial }
  const quorum = partial.quorum ?? o.witnesses.length
  if (quorum < 0 || quorum > o.witnesses.length) throw new ConfigError('LEDGER_WITNESS_QUORUM', `0-${o.witnesses.length}`, quorum)
  return { ...o, quorum }
}
