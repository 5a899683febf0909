import { AppError, defineErrors } from '../../core/errors.ts'
import { MerkleError } from '../../lib/merkle/index.ts'
import { NoteError } from '../../lib/note/index.ts'
import { CanonicalJsonError } from '../../lib/canonical-json.ts'

export const LedgerError = defineErrors('LEDGER', {
  NOT_FOUND: [404, 'Evidence %s not found', '存证 %s 不存在', '存證 %s 不存在'],
  BAD_HASH: [400, 'Hash %s is not <sm3|sha256>:<64 hex digits>', '哈希值 %s 格式应为 <sm3|sha256>:<64 位十六进制>', '雜湊值 %s 格式應為 <sm3|sha256>:<64 位十六進位>'],
  BAD_KIND: [400, 'Entry kind %s is not lower-case words joined by dots', '条目类型 %s 应为以点分隔的小写单词', '條目類型 %s 應為以點分隔的小寫單詞'],
  NO_PAYLOAD: [400, 'Give the evidence hash, its content, or both', '请提供存证的哈希值或文件内容', '請提供存證的雜湊值或檔案內容'],
  BAD_CONTENT: [400, 'The content is not valid base64', '文件内容不是合法的 base64 编码', '檔案內容不是合法的 base64 編碼'],
  HASH_MISMATCH: [422, 'The content hashes to %s, not to the given %s', '文件内容的哈希值为 %s，与提供的 %s 不符', '檔案內容的雜湊值為 %s，與提供的 %s 不符'],
  METADATA_INVALID: [400, 'Metadata is not plain JSON: %s', '元数据不是合法的 JSON：%s', '中繼資料不是合法的 JSON：%s'],
  METADATA_TOO_LARGE: [400, 'Metadata takes %d bytes; the limit is %d', '元数据为 %d 字节，上限为 %d 字节', '中繼資料為 %d 位元組，上限為 %d 位元組'],
  BATCH_TOO_LARGE: [413, 'A batch of %d items exceeds the limit of %d', '批量提交 %d 条超过上限 %d 条', '批次提交 %d 筆超過上限 %d 筆'],
  BATCH_EMPTY: [400, 'A batch needs at least one item', '批量提交至少需要一条', '批次提交至少需要一筆'],
  RECEIPT_MALFORMED: [400, 'The receipt is malformed: %s', '存证回执格式错误：%s', '存證回執格式錯誤：%s'],
  CHECKPOINT_MALFORMED: [400, 'The receipt checkpoint is malformed: %s', '回执中的检查点格式错误：%s', '回執中的檢查點格式錯誤：%s'],
  PROOF_MALFORMED: [400, 'The inclusion proof is malformed: %s', '包含性证明格式错误：%s', '包含性證明格式錯誤：%s'],
  LEAF_MISMATCH: [422, 'The receipt entry hashes to leaf %s, but the receipt states %s', '回执条目的叶子哈希为 %s，与回执所载 %s 不符', '回執條目的葉子雜湊為 %s，與回執所載 %s 不符'],
  FILE_MISMATCH: [422, 'The file hashes to %s, but the receipt records %s', '文件哈希值为 %s，与回执记录的 %s 不符', '檔案雜湊值為 %s，與回執記錄的 %s 不符'],
  PROOF_INVALID: [422, 'The inclusion proof does not lead to the checkpoint root: %s', '包含性证明无法推导出检查点根哈希：%s', '包含性證明無法推導出檢查點根雜湊：%s'],
  SIGNATURE_INVALID: [422, 'The checkpoint is not signed by the log key: %s', '检查点未经日志密钥有效签名：%s', '檢查點未經日誌金鑰有效簽章：%s'],
  WITNESS_QUORUM: [422, 'Only %d of the %d required witness cosignatures verify (%s)', '仅 %d 个见证人联署有效，需要 %d 个（%s）', '僅 %d 個見證人聯署有效，需要 %d 個（%s）'],
  BAD_KEY: [400, 'Verifier key %s is not usable: %s', '验证密钥 %s 不可用：%s', '驗證金鑰 %s 不可用：%s'],
  ENTRY_TAMPERED: [409, 'Entry %d (%s) no longer matches the log: %s', '条目 %d（%s）与日志不一致，已被篡改：%s', '條目 %d（%s）與日誌不一致，已被竄改：%s'],
  CHAIN_BROKEN: [500, 'The stored tree is not consistent with checkpoint %d; the log refuses to sign', '存储的树与检查点 %d 不一致，日志拒绝签名', '儲存的樹與檢查點 %d 不一致，日誌拒絕簽章'],
  NOT_PUBLISHED: [503, 'Entries %s were recorded but no witnessed checkpoint covers them yet; fetch their receipts later', '条目 %s 已记录，但尚无见证人联署的检查点，请稍后查询回执', '條目 %s 已記錄，但尚無見證人聯署的檢查點，請稍後查詢回執'],
  TILE_NOT_FOUND: [404, 'Tile %s does not exist (yet)', '瓦片 %s 不存在或尚未生成', '瓦片 %s 不存在或尚未產生'],
  NO_CHECKPOINT: [404, 'The log has published no checkpoint yet', '日志尚未发布检查点', '日誌尚未發佈檢查點'],
  CONTENT_NOT_FOUND: [404, 'Evidence %s was recorded by its hash only; the platform holds no file for it', '存证 %s 仅登记了哈希值，平台未保存其文件', '存證 %s 僅登記了雜湊值，平台未保存其檔案'],
  PENDING: [409, 'Entry %s is not sequenced yet; retry shortly', '条目 %s 尚未排序入账，请稍后重试', '條目 %s 尚未排序入帳，請稍後重試'],
})

const MALFORMED_PROOF = new Set(['MERKLE_PROOF_SIZE', 'MERKLE_HASH_SIZE', 'MERKLE_INDEX_OUT_OF_RANGE', 'MERKLE_BAD_SIZE', 'MERKLE_SIZE_ORDER', 'MERKLE_INVALID_ARGUMENT'])
const BAD_SIGNATURE = new Set(['NOTE_UNVERIFIED', 'NOTE_INVALID_SIGNATURE'])
const BAD_KEY = new Set(['NOTE_BAD_VERIFIER_KEY', 'NOTE_KEY_ID_MISMATCH', 'NOTE_UNSUPPORTED_KEY_TYPE', 'NOTE_INVALID_KEY_NAME', 'NOTE_AMBIGUOUS_VERIFIER'])

/**
 * Maps an error of lib/merkle, lib/note or lib/canonical-json to the ledger's 4xx problem:
 * a malformed proof or checkpoint is 400, one that does not verify is 422. Returns other
 * errors unchanged (AppErrors stay as they are; unknown failures become 500 upstream).
 */
export function fromLibError(err: unknown): unknown {
  if (err instanceof AppError) return err
  if (err instanceof MerkleError) {
    const what = `${err.code}: ${err.message}${err.expected !== undefined ? ` (expected ${err.expected}, got ${err.actual})` : ''}`
    if (err.code === 'MERKLE_ROOT_MISMATCH') return new LedgerError.PROOF_INVALID(what, { cause: err })
    if (MALFORMED_PROOF.has(err.code)) return new LedgerError.PROOF_MALFORMED(what, { cause: err })
    return err
  }
  if (err instanceof NoteError) {
    const what = `${err.code}: ${err.message}`
    if (BAD_SIGNATURE.has(err.code)) return new LedgerError.SIGNATURE_INVALID(what, { cause: err })
    if (BAD_KEY.has(err.code)) return new LedgerError.BAD_KEY('', what, { cause: err })
    return new LedgerError.CHECKPOINT_MALFORMED(what, { cause: err })
  }
  if (err instanceof CanonicalJsonError) return new LedgerError.METADATA_INVALID(`${err.code} at '${err.path}'`, { cause: err })
  return err
}
