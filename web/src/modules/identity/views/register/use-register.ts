import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { parseCnId } from '../../../../../../src/lib/cn-id.ts';
import { parseUscc } from '../../../../../../src/lib/uscc.ts';
import { register, registerEnterprise } from '../../api.ts';
import { useSessionStore } from '../../use-session.ts';

/**
 * Registration (注册): a citizen (自然人) with a citizen ID number, or, for a signed-in citizen, an
 * enterprise (法人) they represent. Identifiers are checked here by their check characters for
 * immediate feedback; the server checks them again.
 */
export function useRegister() {
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const session = useSessionStore();
  void session.load();
  const kind = ref<'citizen' | 'enterprise'>(route.query.kind === 'enterprise' ? 'enterprise' : 'citizen');
  const citizen = reactive({ username: '', password: '', realName: '', idNumber: '', mobile: '' });
  const enterprise = reactive({ name: '', creditCode: '', password: '' });
  const error = ref('');
  const busy = ref(false);

  const idNumberHint = computed(() => {
    if (citizen.idNumber.length < 18) return '';
    const r = parseCnId(citizen.idNumber);
    return r.ok ? '' : t(`identity.register.idProblem.${r.problem}`);
  });
  const creditCodeHint = computed(() => {
    if (enterprise.creditCode.length < 18) return '';
    const r = parseUscc(enterprise.creditCode);
    return r.ok ? '' : t(`identity.register.usccProblem.${r.problem}`);
  });
  const canRegisterEnterprise = computed(() => session.me?.kind === 'citizen');

  async function run(fn: () => Promise<void>) {
    busy.value = true;
    error.value = '';
    try {
      await fn();
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  }
  const submitCitizen = () => run(async () => {
    await register({ ...citizen });
    await router.push({ path: '/login', query: { registered: '1' } });
  });
  const submitEnterprise = () => run(async () => {
    await registerEnterprise({ ...enterprise });
    await router.push('/account');
  });

  return { kind, citizen, enterprise, error, busy, idNumberHint, creditCodeHint, canRegisterEnterprise, session, submitCitizen, submitEnterprise };
}
