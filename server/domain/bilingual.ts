/** A message for the user in both of the product's languages: Vietnamese first, English second. */
export interface BilingualText {
  vi: string;
  en: string;
}

export function bilingual(vi: string, en: string): BilingualText {
  return { vi, en };
}

/** One line for logs and terminals: "Vietnamese / English". */
export function formatBilingual(text: BilingualText): string {
  return `${text.vi} / ${text.en}`;
}

/** An error whose message is meant for the user, in both languages. */
export class BilingualError extends Error {
  constructor(readonly text: BilingualText) {
    super(text.en);
  }
}
