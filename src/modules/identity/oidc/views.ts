/**
 * The login, second-factor, consent and logout pages of the OpenID Connect provider: small
 * server-rendered HTML in the caller's language, no script. Every interpolated value is escaped.
 */
import type { Lang } from '../../../core/errors.ts'

const TEXT = {
  'zh-CN': { title: '智城统一身份认证', login: '登录', user: '用户名 / 手机号 / 身份证号', password: '密码', submit: '登录', totp: '动态验证码', totpHint: '请输入身份验证器 App 中的 6 位动态码', verify: '验证', setup: '请用身份验证器 App 扫描或输入以下密钥完成绑定', consent: '授权', consentAsk: '申请访问您的以下信息：', allow: '同意', deny: '拒绝', logout: '退出登录', logoutAsk: '确认退出智城统一身份认证？', yes: '退出', no: '取消', loggedOut: '您已安全退出。', error: '出错了' },
  'zh-TW': { title: '智城統一身分認證', login: '登入', user: '使用者名稱 / 手機號碼 / 身分證號碼', password: '密碼', submit: '登入', totp: '動態驗證碼', totpHint: '請輸入身分驗證器 App 中的 6 位動態碼', verify: '驗證', setup: '請以身分驗證器 App 掃描或輸入以下金鑰完成綁定', consent: '授權', consentAsk: '申請存取您的以下資訊：', allow: '同意', deny: '拒絕', logout: '登出', logoutAsk: '確認登出智城統一身分認證？', yes: '登出', no: '取消', loggedOut: '您已安全登出。', error: '發生錯誤' },
  'en-US': { title: 'zhicheng sign-in', login: 'Sign in', user: 'User name / mobile / ID number', password: 'Password', submit: 'Sign in', totp: 'One-time code', totpHint: 'Enter the 6-digit code of your authenticator app', verify: 'Verify', setup: 'Scan or type this key into your authenticator app', consent: 'Authorise', consentAsk: 'asks to access:', allow: 'Allow', deny: 'Deny', logout: 'Sign out', logoutAsk: 'Sign out of zhicheng?', yes: 'Sign out', no: 'Cancel', loggedOut: 'You are signed out.', error: 'Something went wrong' },
} as const

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

function page(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"Noto Sans SC","WenQuanYi Micro Hei",sans-serif;background:#f2f4f7;margin:0}main{max-width:360px;margin:10vh auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 24px}label{display:block;margin:12px 0 4px;font-size:14px;color:#444}input{width:100%;box-sizing:border-box;padding:8px 10px;font-size:15px;border:1px solid #ccd;border-radius:4px}button{margin-top:20px;width:100%;padding:10px;font-size:15px;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}button.secondary{background:#e6e8eb;color:#333}.error{color:#b42318;background:#fef3f2;padding:8px 10px;border-radius:4px;font-size:14px}.muted{color:#666;font-size:13px}code{word-break:break-all}</style>
</head><body><main>${body}</main></body></html>`
}

export function loginPage(lang: Lang, uid: string, client: string, error?: string, login = ''): string {
  const t = TEXT[lang]
  return page(lang, t.title, `<h1>${t.title}</h1><p class="muted">${escapeHtml(client)}</p>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oidc/interaction/${escapeHtml(uid)}/login" autocomplete="on">
<label for="login">${t.user}</label><input id="login" name="login" required autocomplete="username" value="${escapeHtml(login)}">
<label for="password">${t.password}</label><input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">${t.submit}</button></form>
<form method="get" action="/oidc/interaction/${escapeHtml(uid)}/abort"><button type="submit" class="secondary">${t.no}</button></form>`)
}

export function totpPage(lang: Lang, uid: string, challenge: string, error?: string, setup?: { secret: string; otpauthUri: string }): string {
  const t = TEXT[lang]
  return page(lang, t.title, `<h1>${t.totp}</h1>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
${setup ? `<p class="muted">${t.setup}</p><p><code>${escapeHtml(setup.secret)}</code></p><p class="muted"><code>${escapeHtml(setup.otpauthUri)}</code></p>` : `<p class="muted">${t.totpHint}</p>`}
<form method="post" action="/oidc/interaction/${escapeHtml(uid)}/mfa">
<input type="hidden" name="challenge" value="${escapeHtml(challenge)}">
${setup ? `<input type="hidden" name="secret" value="${escapeHtml(setup.secret)}"><input type="hidden" name="otpauthUri" value="${escapeHtml(setup.otpauthUri)}">` : ''}
<label for="code">${t.totp}</label><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required autocomplete="one-time-code">
<button type="submit">${t.verify}</button></form>`)
}

export function consentPage(lang: Lang, uid: string, client: string, scopes: string[]): string {
  const t = TEXT[lang]
  return page(lang, t.consent, `<h1>${t.consent}</h1><p><strong>${escapeHtml(client)}</strong> ${t.consentAsk}</p><ul>${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>
<form method="post" action="/oidc/interaction/${escapeHtml(uid)}/confirm"><button type="submit">${t.allow}</button></form>
<form method="get" action="/oidc/interaction/${escapeHtml(uid)}/abort"><button type="submit" class="secondary">${t.deny}</button></form>`)
}

/** The RP-initiated logout confirmation; `form` is oidc-provider's hidden form (id `op.logoutForm`). */
export function logoutPage(lang: Lang, form: string): string {
  const t = TEXT[lang]
  return page(lang, t.logout, `<h1>${t.logout}</h1><p>${t.logoutAsk}</p>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${t.yes}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t.no}</button>`)
}

export function loggedOutPage(lang: Lang): string {
  const t = TEXT[lang]
  return page(lang, t.logout, `<h1>${t.logout}</h1><p>${t.loggedOut}</p>`)
}

export function errorPage(lang: Lang, out: Record<string, unknown>): string {
  const t = TEXT[lang]
  return page(lang, t.error, `<h1>${t.error}</h1>${Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`).join('')}`)
}
