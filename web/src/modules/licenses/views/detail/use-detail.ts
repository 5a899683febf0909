import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, onMounted, ref, shallowRef } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { getMyLicence, myAccesses, revokeConsent, type Access, type Consent, type Detail } from '../../api.ts';
import { loadTypes, useLicenceLabels } from '../../use-labels.ts';

/** The holder's view of one licence: data, consents (grant, revoke) and who read it. */
export function useDetail() {
  const route = useRoute();
  const labels = useLicenceLabels();
  const { t } = labels;
  const licence = shallowRef<Detail>();
  const accesses = shallowRef<Access[]>([]);
  const error = ref('');
  const granting = ref(false);
  const busy = ref('');

  async function load(): Promise<void> {
    try {
      const id = String(route.params.id);
      const [d, a] = await Promise.all([getMyLicence(id), myAccesses(id), loadTypes().catch(() => undefined)]);
      licence.value = d;
      accesses.value = a.items;
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }
  onMounted(load);

  const consents = computed<Consent[]>(() => [...(licence.value?.consents ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  const fieldRows = computed(() => {
    const d = licence.value;
    if (!d) return [];
    return Object.entries(d.fields).map(([k, v]) => ({ key: k, label: labels.fieldLabel(d.typeCode, k, d.labels[k]), value: labels.fieldValue(d.typeCode, k, v) }));
  });
  const fieldName = (k: string) => (licence.value ? labels.fieldLabel(licence.value.typeCode, k, licence.value.labels[k]) : k);

  async function granted(): Promise<void> {
    granting.value = false;
    ElMessage.success(t('licenses.consent.granted'));
    await load();
  }

  async function revoke(c: Consent): Promise<void> {
    try {
      await ElMessageBox.confirm(t('licenses.consent.revokeConfirm', { app: c.applicationId }), t('licenses.consent.revoke'), {
        type: 'warning', confirmButtonText: t('licenses.consent.revoke'), cancelButtonText: t('licenses.common.cancel'),
      });
    } catch {
      return;
    }
    busy.value = c.id;
    try {
      await revokeConsent(c.id);
      ElMessage.success(t('licenses.consent.revoked'));
      await load();
    } catch (err) {
      ElMessage.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      busy.value = '';
    }
  }

  return { ...labels, licence, accesses, consents, fieldRows, fieldName, error, granting, busy, granted, revoke };
}
