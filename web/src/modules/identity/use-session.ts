import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useAccessStore } from '@/core/access/index.ts';
import * as api from './api.ts';

/**
 * The signed-in principal of this browser (from `GET /api/v1/me`), feeding the access store.
 * `load()` answers null when nobody is signed in (`GET /auth/session` answers 200 either way).
 */
export const useSessionStore = defineStore('identity-session', () => {
  const me = ref<api.Me | null>(null);
  const loaded = ref(false);
  const access = useAccessStore();

  async function load(force = false): Promise<api.Me | null> {
    if (loaded.value && !force) return me.value;
    me.value = (await api.getSession()).me;
    loaded.value = true;
    access.setPermissions(me.value?.permissions ?? [], me.value !== null);
    return me.value;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      me.value = null;
      access.setPermissions([], false);
    }
  }

  return { me, loaded, load, logout };
});
