import { reactive, ref } from 'vue';
import { ApiError } from '@/core/request.ts';
import * as api from './api.ts';
import { useSessionStore } from './use-session.ts';

/**
 * The two-step login of the web app: password first, then a one-time code when the server asks
 * for one (or a new authenticator binding the first time a role demands it).
 */
export function useLogin(onDone: () => void) {
  const form = reactive({ login: '', password: '', code: '' });
  const step = ref<'password' | 'mfa' | 'setup'>('password');
  const setup = ref<{ secret: string; otpauthUri: string } | null>(null);
  const busy = ref(false);
  const error = ref('');
  let challenge = '';
  const session = useSessionStore();

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

  const submitPassword = () => run(async () => {
    const r = await api.login({ login: form.login, password: form.password, mode: 'cookie' });
    if (r.status === 'ok') {
      await session.load(true);
      return onDone();
    }
    challenge = r.challenge;
    setup.value = r.status === 'mfa_setup_required' ? { secret: r.secret, otpauthUri: r.otpauthUri } : null;
    step.value = r.status === 'mfa_setup_required' ? 'setup' : 'mfa';
  });

  const submitCode = () => run(async () => {
    await api.completeMfa(challenge, form.code);
    await session.load(true);
    onDone();
  });

  function restart() {
    step.value = 'password';
    form.code = '';
    error.value = '';
  }

  return { form, step, setup, busy, error, submitPassword, submitCode, restart };
}
