import type { MiddlewareHandler } from 'hono';
import { readBasemap } from '../services/basemap-setting';
import type { AppContext } from './context';

/**
 * Security headers on every response. The Content Security Policy allows only this server, plus the
 * basemap's host when one is configured; MapLibre's worker is a script of this server (and `blob:` is
 * allowed for the workers MapLibre may create itself). Styles may be inline: Vue binds them, MapLibre sets
 * them on its controls. HSTS only over HTTPS.
 */
export function securityHeaders(context: AppContext): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const basemap = readBasemap(context.database);
    const basemapOrigin = basemap ? safeOrigin(basemap.url) : '';
    const policy = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob: ${basemapOrigin}`.trim(),
      "font-src 'self' data:",
      `connect-src 'self' ${basemapOrigin}`.trim(),
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', policy);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), payment=()');
    if (new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https') {
      headers.set('Strict-Transport-Security', 'max-age=31536000');
    }
  };
}

/** The origin of a URL (a tile template's braces do not matter), or nothing when it is not one. */
function safeOrigin(url: string): string {
  try {
    return new URL(url.replace(/\{[^}]*\}/g, '0')).origin;
  } catch {
    return '';
  }
}
