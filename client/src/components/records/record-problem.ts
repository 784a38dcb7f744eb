import type { BilingualText } from '@domain/bilingual';
import { type ComputedRef, computed, type Ref, ref, type ShallowRef, shallowRef } from 'vue';
import { toApiError } from '../../api/http';
import { currentLanguage } from '../../i18n';

/**
 * A form's problem: the server's bilingual message, or one of ours as a function of the interface's
 * messages. Either is shown in the current language, and follows the language toggle.
 */
export type FormProblem = BilingualText | (() => string);

export function useFormProblem(): {
  problem: ShallowRef<FormProblem | null>;
  text: ComputedRef<string | null>;
  fromError: (caught: unknown) => void;
} {
  const problem = shallowRef<FormProblem | null>(null);
  const text = computed(() => {
    const current = problem.value;
    if (current === null) return null;
    return typeof current === 'function' ? current() : current[currentLanguage()];
  });
  return {
    problem,
    text,
    fromError: (caught: unknown) => {
      problem.value = toApiError(caught).text;
    },
  };
}

/**
 * A form's saving: one save at a time, the old problem cleared, the input checked (`check` gives null and
 * sets the problem when it is wrong), and the server's refusal shown as the problem.
 */
export function useFormSave(): ReturnType<typeof useFormProblem> & {
  saving: Ref<boolean>;
  save: <Input>(check: () => Input | null, send: (input: Input) => Promise<void>) => Promise<void>;
} {
  const formProblem = useFormProblem();
  const saving = ref(false);
  async function save<Input>(
    check: () => Input | null,
    send: (input: Input) => Promise<void>,
  ): Promise<void> {
    if (saving.value) return;
    formProblem.problem.value = null;
    const input = check();
    if (input === null) return;
    saving.value = true;
    try {
      await send(input);
    } catch (caught) {
      formProblem.fromError(caught);
    } finally {
      saving.value = false;
    }
  }
  return { ...formProblem, saving, save };
}
