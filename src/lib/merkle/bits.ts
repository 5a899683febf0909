/**
 * 53-bit safe bit arithmetic for tree sizes and indexes. JavaScript bitwise operators work
 * on 32 bits, so every helper here splits a safe integer into a high and a low 32-bit word.
 */
import { MerkleError } from './errors.ts'

const TWO_32 = 2 ** 32

/** Throws MERKLE_INVALID_ARGUMENT unless `value` is a safe integer >= 0. */
export function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleError('MERKLE_INVALID_ARGUMENT', `${name} must be a safe integer >= 0, got ${String(value)}`, {
      expected: 'safe integer >= 0',
      actual: String(value),
    })
  }
}

function high(x: number): number {
  return Math.floor(x / TWO_32)
}

function low(x: number): number {
  return x % TWO_32
}

function popCount32(x: number): number {
  let v = x >>> 0
  v = v - ((v >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

function trailingZeros32(x: number): number {
  const v = x >>> 0
  return v === 0 ? 32 : 31 - Math.clz32(v & -v)
}

/** Number of bits needed to write `x` (0 for 0), like Go's bits.Len64. */
export function bitLength(x: number): number {
  const h = high(x)
  return h > 0 ? 64 - Math.clz32(h) : 32 - Math.clz32(low(x))
}

/** Number of trailing zero bits of `x`; 64 for 0. */
export function trailingZeros(x: number): number {
  const l = low(x)
  if (l !== 0) return trailingZeros32(l)
  const h = high(x)
  return h === 0 ? 64 : 32 + trailingZeros32(h)
}

/** Number of set bits of `x`. */
export function popCount(x: number): number {
  return popCount32(high(x)) + popCount32(low(x))
}

/** Bitwise exclusive or of two safe integers. */
export function xor(a: number, b: number): number {
  return ((high(a) ^ high(b)) >>> 0) * TWO_32 + ((low(a) ^ low(b)) >>> 0)
}

/** `x >> k` for safe integers. */
export function shiftRight(x: number, k: number): number {
  return Math.floor(x / 2 ** k)
}

/** `x << k` for results that stay safe integers. */
export function shiftLeft(x: number, k: number): number {
  return x * 2 ** k
}

/** Whether bit `k` of `x` is set. */
export function isBitSet(x: number, k: number): boolean {
  return shiftRight(x, k) % 2 === 1
}

/** Whether `x` is a power of two (1, 2, 4, …). */
export function isPowerOfTwo(x: number): boolean {
  return x > 0 && popCount(x) === 1
}
