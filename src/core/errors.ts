import { format } from 'node:util'

/** Languages the API answers in. */
export type Lang = 'zh-CN' | 'zh-TW' | 'en-US'

/** One field-level problem of a validation error. */
export interface FieldError { path: string; code: string; message: string }

/** An error definition: HTTP status, English message, Simplified Chinese, optional Traditional Chinese. */
export type ErrorSpec = readonly [status: number, en: string, zhHans?: string, zhHant?: string]

export interface ErrorInfo { code: string; status: number; messages: Record<Lang, string> }

/** Every defined error code, for the documentation contract test. */
export const errorRegistry = new Map<string, ErrorInfo>()

/**
 * A failure with a stable code, an HTTP status and a message in the caller's language.
 * Thrown by services; turned into RFC 9457 problem+json by the error handler.
 */
export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly args: unknown[]
  errors?: FieldError[]
  constructor(info: ErrorInfo, args: unknown[], options?: { cause?: unknown; errors?: FieldError[] }) {
    super(format(info.messages['en-US'], ...args), options?.cause ? { cause: options.cause } : undefined)
    this.name = 'AppError'
    this.code = info.code
    this.status = info.status
    this.args = args
    this.errors = options?.errors
  }
  /** The message in `lang`, formatted with the error's arguments. */
  localized(lang: Lang): string {
    const info = errorRegistry.get(this.code)
    return info ? format(info.messages[lang], ...this.args) : this.message
  }
}

export type ErrorClass = {
  new (...args: unknown[]): AppError
  readonly code: string
  readonly status: number
}

/**
 * Defines a module's error codes `<PREFIX>_<REASON>` and registers them.
 * Requires an upper-case prefix; throws on a duplicate code (two modules must not share one).
 */
export function defineErrors<K extends string>(prefix: string, specs: Record<K, ErrorSpec>): Record<K, ErrorClass> {
  if (!/^[A-Z][A-Z0-9]*$/.test(prefix)) throw new TypeError(`error prefix: got ${prefix}, want UPPER_SNAKE`)
  const out = {} as Record<K, ErrorClass>
  for (const reason of Object.keys(specs) as K[]) {
    const [status, en, zhHans, zhHant] = specs[reason]
    const code = `${prefix}_${reason}`
    if (errorRegistry.has(code)) throw new Error(`duplicate error code ${code}`)
    const info: ErrorInfo = {
      code,
      status,
      messages: { 'en-US': en, 'zh-CN': zhHans ?? en, 'zh-TW': zhHant ?? zhHans ?? en },
    }
    errorRegistry.set(code, info)
    const cls = class extends AppError {
      static readonly code = code
      static readonly status = status
      constructor(...args: unknown[]) {
        const last = args.at(-1)
        const opts = last && typeof last === 'object' && ('cause' in last || 'errors' in last) && !(last instanceof Error) ? (args.pop() as { cause?: unknown; errors?: FieldError[] }) : undefined
        super(info, args, opts)
      }
    }
    Object.defineProperty(cls, 'name', { value: code })
    out[reason] = cls as unknown as ErrorClass
  }
  return out
}

/** Errors of the kernel itself. */
export const CoreError = defineErrors('CORE', {
  NOT_FOUND: [404, 'Route %s %s not found', '接口 %s %s 不存在', '介面 %s %s 不存在'],
  BAD_JSON: [400, 'The request body is not valid JSON', '请求体不是合法的 JSON', '請求體不是合法的 JSON'],
  VALIDATION: [400, 'The request is invalid: %s', '请求参数有误：%s', '請求參數有誤：%s'],
  BODY_TOO_LARGE: [413, 'The request body exceeds the limit of %d bytes', '请求体超过 %d 字节的上限', '請求體超過 %d 位元組的上限'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Content type %s is not supported', '不支持的内容类型 %s', '不支援的內容類型 %s'],
  UNAUTHENTICATED: [401, 'Authentication is required', '请先登录', '請先登入'],
  FORBIDDEN: [403, 'You lack the permission %s', '您没有权限 %s', '您沒有權限 %s'],
  RATE_LIMITED: [429, 'Too many requests; retry in %s', '请求过于频繁，请 %s 后重试', '請求過於頻繁，請 %s 後重試'],
  INTERNAL: [500, 'Internal error; quote request id %s', '系统内部错误，请提供请求编号 %s', '系統內部錯誤，請提供請求編號 %s'],
  NOT_READY: [503, 'The service is not ready: %s', '服务尚未就绪：%s', '服務尚未就緒：%s'],
  UNKNOWN_EVENT: [500, 'Event %s is not declared by module %s', '事件 %s 未在模块 %s 中声明', '事件 %s 未在模組 %s 中宣告'],
})

/** Picks the answer language from an Accept-Language header; zh-CN when absent or unknown. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN'
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase()
    if (tag.startsWith('zh-tw') || tag.startsWith('zh-hk') || tag.startsWith('zh-hant') || tag.startsWith('zh-mo')) return 'zh-TW'
    if (tag.startsWith('zh')) return 'zh-CN'
    if (tag.startsWith('en')) return 'en-US'
  }
  return 'zh-CN'
}

/** The RFC 9457 problem body every error answers with. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  requestId: string
  errors?: FieldError[]
}

/** Builds the problem body of an AppError for `lang`. */
export function toProblem(err: AppError, lang: Lang, requestId: string): Problem {
  const p: Problem = {
    type: `https://zhicheng.dev/problems/${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.code,
    status: err.status,
    detail: err.localized(lang),
    code: err.code,
    requestId,
  }
  if (err.errors?.length) p.errors = err.errors
  return p
}
