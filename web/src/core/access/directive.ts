import { watchEffect, type Directive, type WatchStopHandle } from 'vue';
import { useAccessStore } from './store.ts';
import { satisfies, type Requirement } from './use-access.ts';

const stops = new WeakMap<HTMLElement, WatchStopHandle>();
const needs = new WeakMap<HTMLElement, Requirement>();

function apply(el: HTMLElement, allowed: boolean): void {
  // `hidden` keeps the node but removes it from layout and from the accessibility tree.
  el.hidden = !allowed;
  el.toggleAttribute('data-access-denied', !allowed);
}

/**
 * `v-access="'grid:event:dispatch'"` (or a list, any one suffices) hides an element the principal
 * may not use, and shows it again as soon as the permission set changes.
 */
export const vAccess: Directive<HTMLElement, Requirement> = {
  mounted(el, binding) {
    needs.set(el, binding.value);
    const store = useAccessStore();
    stops.set(
      el,
      watchEffect(() => apply(el, satisfies(store.codes, needs.get(el)))),
    );
  },
  updated(el, binding) {
    needs.set(el, binding.value);
    apply(el, satisfies(useAccessStore().codes, binding.value));
  },
  unmounted(el) {
    stops.get(el)?.();
    stops.delete(el);
  },
};
