import { BilingualError, type BilingualText, bilingual } from '../bilingual';

/**
 * Validation in this folder lists every problem it finds (an admin form shows them all at once) and offers
 * an `assert…` that throws them as one BilingualError. This joins them.
 */
export function throwIfProblems(problems: readonly BilingualText[]): void {
  if (problems.length === 0) return;
  throw new BilingualError(
    bilingual(
      problems.map((problem) => problem.vi).join('; '),
      problems.map((problem) => problem.en).join('; '),
    ),
  );
}

/** Whether a value is a whole number within [minimum, maximum]. */
export function isWholeNumberBetween(value: unknown, minimum: number, maximum: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= minimum && value <= maximum;
}

/** Whether a value is a finite number within [minimum, maximum]. */
export function isNumberBetween(value: unknown, minimum: number, maximum: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= minimum && value <= maximum;
}

/** Kebab-case codes, as everywhere in the product ("clearance-rate", "2021-2025"). */
const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isCode(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && CODE.test(value);
}

export function isNonBlankText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
