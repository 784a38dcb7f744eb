import { getJson } from './http';
import type { Settings } from './types';

export function fetchSettings(signal?: AbortSignal): Promise<Settings> {
  return getJson('/api/settings', {}, signal);
}
