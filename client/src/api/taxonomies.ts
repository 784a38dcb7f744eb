import { getJson, sendJson } from './http';

/** An incident category as administrators edit it (GET /api/incident-categories). */
export interface TaxonomyCategory {
  code: string;
  group: string;
  nameVi: string;
  nameEn: string;
  aliases: string[];
  sortOrder: number;
  active: boolean;
}

/** A per-commune indicator definition, retired ones included. */
export interface TaxonomyIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  unitVi: string;
  unitEn: string;
  sortOrder: number;
  active: boolean;
}

export type NewTaxonomyCategory = Omit<TaxonomyCategory, 'sortOrder' | 'active'>;
export type NewTaxonomyIndicator = Omit<TaxonomyIndicator, 'sortOrder' | 'active'>;
/** The code never changes: incidents and figures refer to it. */
export type TaxonomyCategoryChanges = Partial<Omit<TaxonomyCategory, 'code'>>;
export type TaxonomyIndicatorChanges = Partial<Omit<TaxonomyIndicator, 'code'>>;

export async function fetchTaxonomyCategories(): Promise<TaxonomyCategory[]> {
  return (await getJson<{ categories: TaxonomyCategory[] }>('/api/incident-categories')).categories;
}

export function fetchTaxonomyIndicators(): Promise<TaxonomyIndicator[]> {
  return getJson<TaxonomyIndicator[]>('/api/indicators/definitions', { all: 'true' });
}

export async function createCategory(category: NewTaxonomyCategory): Promise<TaxonomyCategory> {
  return (await sendJson<{ category: TaxonomyCategory }>('POST', '/api/incident-categories', category))
    .category;
}

export async function updateCategory(
  code: string,
  changes: TaxonomyCategoryChanges,
): Promise<TaxonomyCategory> {
  return (
    await sendJson<{ category: TaxonomyCategory }>(
      'PATCH',
      `/api/incident-categories/${encodeURIComponent(code)}`,
      changes,
    )
  ).category;
}

export async function createIndicator(definition: NewTaxonomyIndicator): Promise<TaxonomyIndicator> {
  return (
    await sendJson<{ definition: TaxonomyIndicator }>('POST', '/api/indicators/definitions', definition)
  ).definition;
}

export async function updateIndicator(
  code: string,
  changes: TaxonomyIndicatorChanges,
): Promise<TaxonomyIndicator> {
  return (
    await sendJson<{ definition: TaxonomyIndicator }>(
      'PATCH',
      `/api/indicators/definitions/${encodeURIComponent(code)}`,
      changes,
    )
  ).definition;
}

/** "a, b , ,c" → ["a", "b", "c"]: aliases are edited as one comma-separated line. */
export function aliasList(text: string): string[] {
  return text
    .split(',')
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');
}
