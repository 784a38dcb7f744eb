import type { BilingualText } from '@domain/bilingual';
import { computed, type ShallowRef, shallowRef } from 'vue';
import { toApiError } from '../../api/http';
import { currentLanguage } from '../../i18n';

/**
 * A form's problem: the server's bilingual message, or one of ours as a function of the interface's
 * messages. Either is shown in the current language, and follows the language toggle.
 */
export type FormProblem = BilingualText | (() => string);

export function useFormProblem(): {
  problem: ShallowRef<FormProblem | null>;
  text: Readonly<{ value: string | null }>;
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
