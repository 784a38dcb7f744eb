/**
 * Briefings: saved views (/api/saved-views), packs of views, tables and atlases (/api/briefing-packs) and
 * their renders (/api/briefing-renders), which the server prints with headless Chromium.
 */
import type { BilingualText } from '@domain/bilingual';
import { getJson, sendJson } from './http';

export interface SavedView {
  id: number;
  name: string;
  /** The view's route and query after "#", e.g. "/map?era=2021&lng=…". */
  location: string;
  owner: string;
  createdAt: string;
  updatedAt: string;
  /** The owner or an administrator: may rename and delete. */
  canChange: boolean;
}

export const PACK_TABLES = [
  'programme-kpis',
  'top-hot-spots',
  'selection-list',
  'commune-indicators',
] as const;
export type PackTable = (typeof PACK_TABLES)[number];

export type PackItem =
  | { kind: 'view'; viewId: number }
  | { kind: 'table'; table: PackTable; year?: number; unit?: string }
  | { kind: 'atlas'; year: number; units: string[] };

export interface PackDefinition {
  name: string;
  title: string;
  committee?: string;
  marking?: string;
  paper: 'A4' | 'A3';
  orientation: 'portrait' | 'landscape';
  items: PackItem[];
}

export interface BriefingRender {
  id: number;
  packId: number | null;
  title: string;
  format: 'pdf' | 'png';
  status: 'queued' | 'rendering' | 'done' | 'failed';
  pagesDone: number;
  pagesTotal: number;
  fileBytes: number | null;
  error: BilingualText | null;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface BriefingPack extends PackDefinition {
  id: number;
  owner: string;
  createdAt: string;
  updatedAt: string;
  canChange: boolean;
  renders: BriefingRender[];
}

export async function fetchSavedViews(): Promise<SavedView[]> {
  return (await getJson<{ views: SavedView[] }>('/api/saved-views')).views;
}

export function createSavedView(name: string, location: string): Promise<SavedView> {
  return sendJson('POST', '/api/saved-views', { name, location });
}

export function renameSavedView(id: number, name: string): Promise<SavedView> {
  return sendJson('PATCH', `/api/saved-views/${id}`, { name });
}

export function deleteSavedView(id: number): Promise<void> {
  return sendJson('DELETE', `/api/saved-views/${id}`);
}

export async function fetchPacks(): Promise<BriefingPack[]> {
  return (await getJson<{ packs: BriefingPack[] }>('/api/briefing-packs')).packs;
}

export function createPack(pack: PackDefinition): Promise<BriefingPack> {
  return sendJson('POST', '/api/briefing-packs', pack);
}

export function updatePack(id: number, pack: PackDefinition): Promise<BriefingPack> {
  return sendJson('PUT', `/api/briefing-packs/${id}`, pack);
}

export function deletePack(id: number): Promise<void> {
  return sendJson('DELETE', `/api/briefing-packs/${id}`);
}

export function startPackRender(id: number): Promise<BriefingRender> {
  return sendJson('POST', `/api/briefing-packs/${id}/render`);
}

export function fetchRender(id: number): Promise<BriefingRender> {
  return getJson(`/api/briefing-renders/${id}`);
}

export function renderFileUrl(id: number): string {
  return `/api/briefing-renders/${id}/file`;
}

/** The whole address of a saved view, to share: this app's address with the view after "#". */
export function shareableLink(location: string, origin: string = window.location.origin): string {
  return `${origin}${window.location.pathname}#${location}`;
}
