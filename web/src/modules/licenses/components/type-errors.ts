// The server's field errors of the type editor, shared with its inputs by provide/inject so that
// each input marks itself when an error's JSON pointer names it.
import { computed, inject, provide, ref, type InjectionKey, type Ref } from 'vue';
import { errorsAt } from './type-form.ts';

export interface FieldError { path: string; code: string; message: string }

const KEY: InjectionKey<Ref<FieldError[]>> = Symbol('licence-type-errors');

/** Creates the error list of an editor and shares it with the inputs below. */
export function provideTypeErrors(): Ref<FieldError[]> {
  const errors = ref<FieldError[]>([]);
  provide(KEY, errors);
  return errors;
}

/** `at('/name')`: the messages at that pointer or below it, '' when none (also outside an editor). */
export function useTypeErrors() {
  const errors = inject(KEY, ref<FieldError[]>([]));
  const at = (path: string): string => errorsAt(errors.value, path);
  return { errors, at, count: computed(() => errors.value.length) };
}
