import { defineErrors } from '../../core/errors.ts'

/**
 * Errors of the licences module. `VERIFY_*` are the reasons a licence fails verification: they
 * appear as `code` of a failed check in a verdict (the API answers 200 with `valid: false`), and
 * the CLI prints their message; they are thrown only where a caller asked for a valid licence.
 */
export const LicenseError = defineErrors('LIC', {
  NOT_FOUND: [404, 'Licence %s not found', '证照 %s 不存在', '證照 %s 不存在'],
  TYPE_NOT_FOUND: [404, 'Licence type %s not found', '证照类型 %s 不存在', '證照類型 %s 不存在'],
  ISSUER_NOT_FOUND: [404, 'Department %s does not issue licences of this type', '部门 %s 不签发该类证照', '部門 %s 不簽發該類證照'],
  NOT_YOUR_DEPARTMENT: [403, 'You may act only for licences of your own department (%s)', '只能办理本部门（%s）的证照', '只能辦理本部門（%s）的證照'],
  FIELDS_INVALID: [400, 'The licence fields are not valid (%d problems)', '证照字段不合法（%d 处问题）', '證照欄位不合法（%d 處問題）'],
  HOLDER_INVALID: [400, 'The holder identifier is not valid: %s', '持证主体证件号码不合法：%s', '持證主體證件號碼不合法：%s'],
  BAD_IDENTIFIER: [400, 'Licence identifier %s is not valid: %s', '证照标识 %s 不合法：%s', '證照標識 %s 不合法：%s'],
  BAD_STATUS_CHANGE: [409, 'A %s licence cannot become %s', '状态为“%s”的证照不能变更为“%s”', '狀態為「%s」的證照不能變更為「%s」'],
  SAME_STATUS: [409, 'The licence is already %s', '证照已经是“%s”状态', '證照已經是「%s」狀態'],
  NOT_REPLACEABLE: [409, 'A %s licence cannot be replaced', '状态为“%s”的证照不能换发', '狀態為「%s」的證照不能換發'],
  TOO_MANY_VERSIONS: [409, 'Licence %s has reached version 999', '证照 %s 已达到版本上限 999', '證照 %s 已達到版本上限 999'],
  VALIDITY_REQUIRED: [400, 'This licence type needs validUntil', '该类证照须填写有效期截止日期', '該類證照須填寫有效期截止日期'],
  BAD_DATES: [400, 'validUntil %s is before validFrom %s', '有效期截止日期 %s 早于起始日期 %s', '有效期截止日期 %s 早於起始日期 %s'],
  CONSENT_NOT_FOUND: [404, 'Consent %s not found', '授权 %s 不存在', '授權 %s 不存在'],
  CONSENT_REVOKED: [410, 'Consent %s was revoked by the holder', '持证人已撤回授权 %s', '持證人已撤回授權 %s'],
  CONSENT_EXPIRED: [410, 'Consent %s expired at %s', '授权 %s 已于 %s 过期', '授權 %s 已於 %s 過期'],
  CONSENT_WRONG_APPLICATION: [404, 'Consent %s was not given for application %s', '授权 %s 并非针对办件 %s', '授權 %s 並非針對辦件 %s'],
  CONSENT_ALREADY_REVOKED: [409, 'Consent %s is already revoked', '授权 %s 已撤回', '授權 %s 已撤回'],
  CONSENT_LICENCE_UNUSABLE: [409, 'A %s licence cannot be lent', '状态为“%s”的证照不能授权使用', '狀態為「%s」的證照不能授權使用'],
  CONSENT_BAD_FIELDS: [400, 'Fields %s are not fields of this licence', '字段 %s 不属于该证照', '欄位 %s 不屬於該證照'],
  CONSENT_BAD_EXPIRY: [400, 'expiresAt must be in the future and within %d days', '授权截止时间须晚于现在且不超过 %d 天', '授權截止時間須晚於現在且不超過 %d 天'],
  IMPORT_BAD_FORMAT: [400, 'The import body is not valid %s: %s', '导入内容不是合法的 %s：%s', '匯入內容不是合法的 %s：%s'],
  IMPORT_KEY_CONFLICT: [409, 'Import key %s was used for another type or department', '导入批次号 %s 已用于其他证照类型或部门', '匯入批次號 %s 已用於其他證照類型或部門'],
  IMPORT_NOT_FOUND: [404, 'Import %s not found', '导入任务 %s 不存在', '匯入任務 %s 不存在'],
  RENDER_UNAVAILABLE: [503, 'The PDF cannot be rendered now (%s); download the JSON instead', '暂时无法生成 PDF（%s），请下载 JSON 格式', '暫時無法產生 PDF（%s），請下載 JSON 格式'],
  NOT_VERIFIABLE: [400, 'Send a licence (format zhicheng-licence/v1) or { jwt }', '请提交证照 JSON（zhicheng-licence/v1）或 { jwt }', '請提交證照 JSON（zhicheng-licence/v1）或 { jwt }'],

  VERIFY_MALFORMED: [422, 'The licence is malformed: %s', '证照格式错误：%s', '證照格式錯誤：%s'],
  VERIFY_IDENTIFIER: [422, 'The licence identifier is not valid: %s', '证照标识不合法：%s', '證照標識不合法：%s'],
  VERIFY_CHECK_CHARACTER: [422, 'The check character of %s is wrong (ISO/IEC 7064 MOD 37,36 gives %s)', '证照标识 %s 的校验码错误（按 ISO/IEC 7064 MOD 37,36 应为 %s）', '證照標識 %s 的校驗碼錯誤（按 ISO/IEC 7064 MOD 37,36 應為 %s）'],
  VERIFY_IDENTIFIER_MISMATCH: [422, 'The identifier does not match the licence content: %s', '证照标识与证照内容不一致：%s', '證照標識與證照內容不一致：%s'],
  VERIFY_UNKNOWN_ISSUER: [422, 'The issuer %s is not known; its key cannot be found', '无法识别签发机构 %s，找不到其公钥', '無法識別簽發機構 %s，找不到其公鑰'],
  VERIFY_SIGNATURE: [422, 'The SM2 signature does not match the licence content: a field was changed or the licence was not signed by %s', 'SM2 签名与证照内容不符：证照内容被改动，或并非由 %s 签发', 'SM2 簽章與證照內容不符：證照內容被改動，或並非由 %s 簽發'],
  VERIFY_ANCHOR: [422, 'The ledger anchor does not match the licence content: %s', '区块链存证与证照内容不符：%s', '區塊鏈存證與證照內容不符：%s'],
  VERIFY_RECEIPT: [422, 'The ledger receipt does not verify: %s', '存证回执验证失败：%s', '存證回執驗證失敗：%s'],
  VERIFY_REVOKED: [422, 'The licence was revoked by its issuer', '证照已被签发机构吊销/撤销', '證照已被簽發機構吊銷/撤銷'],
  VERIFY_SUSPENDED: [422, 'The licence is suspended by its issuer', '证照已被签发机构暂停使用', '證照已被簽發機構暫停使用'],
  VERIFY_REPLACED: [422, 'The licence was replaced by a newer version', '证照已换发新版本，本版本失效', '證照已換發新版本，本版本失效'],
  VERIFY_EXPIRED: [422, 'The licence expired on %s', '证照已于 %s 过期', '證照已於 %s 過期'],
  VERIFY_NOT_YET_VALID: [422, 'The licence is valid only from %s', '证照自 %s 起才生效', '證照自 %s 起才生效'],
  VERIFY_STATUS_LIST: [422, 'The status list cannot be used: %s', '状态列表无法使用：%s', '狀態列表無法使用：%s'],
  VERIFY_UNKNOWN: [422, 'The licence is not in the register of its issuer', '签发机构的证照库中没有这张证照', '簽發機構的證照庫中沒有這張證照'],
})
