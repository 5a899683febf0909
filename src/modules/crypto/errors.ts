import { defineErrors } from '../../core/errors.ts'

/**
 * Error codes of the crypto module. Where a code matches one of `lib/crypto`'s `CryptoError`
 * codes (BAD_INPUT, BAD_SIGNATURE_ENCODING, BAD_CIPHERTEXT_ENCODING, DECRYPT_FAILED) it means the
 * same thing. No message ever carries key material, plaintext or an expected tag.
 */
export const CryptoModuleError = defineErrors('CRYPTO', {
  KEY_NOT_FOUND: [404, 'Key %s not found', '密钥 %s 不存在', '金鑰 %s 不存在'],
  KEY_VERSION_NOT_FOUND: [404, 'Key %s has no version %s', '密钥 %s 没有第 %s 版', '金鑰 %s 沒有第 %s 版'],
  LABEL_TAKEN: [409, 'Owner %s already has a key labelled %s', '所有者 %s 已有标签为 %s 的密钥', '擁有者 %s 已有標籤為 %s 的金鑰'],
  OWNER_FORBIDDEN: [403, 'You may only create keys for your own department; %s keys need crypto:key:admin', '只能为本部门创建密钥；%s 类密钥需要 crypto:key:admin 权限', '只能為本部門建立金鑰；%s 類金鑰需要 crypto:key:admin 權限'],
  PURPOSE_NOT_ALLOWED: [400, '%s keys cannot be used to %s; allowed: %s', '%s 密钥不能用于 %s；可用于：%s', '%s 金鑰不能用於 %s；可用於：%s'],
  WRONG_PURPOSE: [422, 'Key %s is a %s key; %s needs a key with purpose %s', '密钥 %s 的用途是 %s；%s 需要用途为 %s 的密钥', '金鑰 %s 的用途是 %s；%s 需要用途為 %s 的金鑰'],
  UNSUPPORTED_OPERATION: [422, '%s keys do not support %s', '%s 密钥不支持 %s', '%s 金鑰不支援 %s'],
  NO_PUBLIC_KEY: [422, 'Key %s is a %s secret key and has no public key', '密钥 %s 是 %s 对称密钥，没有公钥', '金鑰 %s 是 %s 對稱金鑰，沒有公鑰'],
  KEY_DISABLED: [409, 'Key %s is disabled', '密钥 %s 已停用', '金鑰 %s 已停用'],
  KEY_DESTROYED: [409, 'Key %s is destroyed; only verification with its public key remains', '密钥 %s 已销毁，仅可用其公钥验证', '金鑰 %s 已銷毀，僅可用其公鑰驗證'],
  KEY_NOT_ACTIVE: [409, 'Key %s is %s; this operation needs an active key', '密钥 %s 当前为 %s，此操作需要启用状态的密钥', '金鑰 %s 目前為 %s，此操作需要啟用狀態的金鑰'],
  KEY_NOT_DISABLED: [409, 'Key %s is %s; this operation needs a disabled key (disable it first)', '密钥 %s 当前为 %s，此操作需要已停用的密钥（请先停用）', '金鑰 %s 目前為 %s，此操作需要已停用的金鑰（請先停用）'],
  VERSION_DESTROYED: [409, 'Version %s of key %s is destroyed', '密钥 %s 的第 %s 版已销毁', '金鑰 %s 的第 %s 版已銷毀'],
  BAD_INPUT: [400, 'Invalid input: %s', '输入无效：%s', '輸入無效：%s'],
  BAD_SIGNATURE_ENCODING: [400, 'The signature is not a %s signature for %s: %s', '签名不是 %s 的 %s 格式：%s', '簽章不是 %s 的 %s 格式：%s'],
  BAD_CIPHERTEXT_ENCODING: [400, 'The ciphertext is malformed: %s', '密文格式错误：%s', '密文格式錯誤：%s'],
  DECRYPT_FAILED: [422, 'Decryption failed: the ciphertext, its additional data or the key version does not match', '解密失败：密文、附加数据或密钥版本不匹配', '解密失敗：密文、附加資料或金鑰版本不相符'],
  BACKEND_UNAVAILABLE: [500, 'Key %s cannot be opened by the key backend (wrong root key?)', '密钥后端无法打开密钥 %s（根密钥是否正确？）', '金鑰後端無法開啟金鑰 %s（根金鑰是否正確？）'],
  CERT_NOT_FOUND: [404, 'Certificate %s not found', '证书 %s 不存在', '憑證 %s 不存在'],
  CERT_ALREADY_REVOKED: [409, 'Certificate %s is already revoked', '证书 %s 已吊销', '憑證 %s 已撤銷'],
  CERT_KEY_UNSUITABLE: [422, 'Key %s cannot be certified: %s', '密钥 %s 无法签发证书：%s', '金鑰 %s 無法簽發憑證：%s'],
  CERT_CA_REVOKE: [409, 'Certificate %s belongs to the platform CA and cannot be revoked through the API', '证书 %s 属于平台 CA，不能通过接口吊销', '憑證 %s 屬於平台 CA，不能透過介面撤銷'],
})
