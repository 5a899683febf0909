import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import * as api from '../../api.ts';
import { useActions, useFormDialog } from '../../use-admin.ts';
import { useSignedIn } from '../../use-signed-in.ts';

export const SCOPES = ['openid', 'profile', 'offline_access', 'zhicheng'] as const;
type Scope = (typeof SCOPES)[number];

const lines = (s: string) => s.split(/\s+/).map((x) => x.trim()).filter(Boolean);

/** The OpenID Connect clients page (接入应用): register, edit, disable, rotate the secret (shown once). */
export function useClients() {
  const { t } = useI18n();
  const { data, loading, error, reload } = useSignedIn('/console/login', api.listOidcClients);
  /** A secret just issued: shown once, with its client id. */
  const secret = ref<{ clientId: string; clientSecret: string } | null>(null);

  const blank = () => ({
    name: '', redirectUris: '', postLogoutRedirectUris: '', scopes: ['openid', 'profile', 'zhicheng'] as Scope[], isPublic: false, consentRequired: false, active: true,
  });
  const dlg = useFormDialog(blank, reload);
  const edit = (c: api.OidcClient) => dlg.open({
    name: c.name, redirectUris: c.redirectUris.join('\n'), postLogoutRedirectUris: c.postLogoutRedirectUris.join('\n'), scopes: c.scopes as Scope[],
    isPublic: c.isPublic, consentRequired: c.consentRequired, active: c.status === 'active',
  }, c.clientId);

  function save() {
    const f = dlg.form;
    const common = { name: f.name, redirectUris: lines(f.redirectUris), postLogoutRedirectUris: lines(f.postLogoutRedirectUris), scopes: f.scopes, consentRequired: f.consentRequired };
    const id = dlg.editing.value;
    return dlg.submit(async () => {
      if (id) {
        await api.updateOidcClient(id, { ...common, status: f.active ? 'active' : 'disabled' });
        return;
      }
      const created = await api.createOidcClient({ ...common, isPublic: f.isPublic });
      if (created.clientSecret) secret.value = { clientId: created.clientId, clientSecret: created.clientSecret };
    });
  }

  const act = useActions(reload);
  const rotate = (c: api.OidcClient) => act(async () => { secret.value = await api.rotateOidcSecret(c.clientId); }, { confirm: t('identity.oidc.confirmRotate', { name: c.name }) });
  const toggle = (c: api.OidcClient) => act(() => api.updateOidcClient(c.clientId, { status: c.status === 'active' ? 'disabled' : 'active' }));

  return { data, loading, error, secret, dlg, edit, save, rotate, toggle };
}
