import { Hono } from 'hono';
import type { Permission } from '../domain/access/roles';
import { roleHolds } from '../domain/access/roles';
import { bilingual } from '../domain/bilingual';
import {
  assertPrintAvailable,
  PRINT_OPTION_EXPECTATIONS,
  PrintFailedError,
  PrintUnavailableError,
  printOptionsSchema,
  renderPrint,
  SNAPSHOT_CONTENT_TYPES,
  snapshotFileNames,
} from '../services/print-render';
import { contentDisposition } from '../services/programme-list-export';
import { type AppEnv, accountOf, audit, permit } from './access';
import { ApiError } from './api-error';
import type { AppContext } from './context';
import { validBody } from './query-validation';

/** What the account must also hold to see the view it exports: the snapshot shows what the view shows. */
const VIEW_PERMISSIONS: Record<string, Permission | null> = {
  '/map': null,
  '/hotspots': 'analysis:run',
  '/programme': 'programme:read',
};

/**
 * POST /api/snapshots: one view (its address after '#', which holds its whole state) as a PDF on A4 or A3
 * or a PNG at 96, 150 or 300 dpi, rendered by headless Chromium through the print page as the requesting
 * account, so the file shows exactly the data that account may see. Everyone may export (briefings:read);
 * the view itself needs its own permission.
 */
export function snapshotRoutes(context: AppContext, clientDirectory?: string) {
  return new Hono<AppEnv>().post(
    '/',
    permit(context, 'briefings:read'),
    validBody(printOptionsSchema, PRINT_OPTION_EXPECTATIONS),
    async (c) => {
      const options = c.req.valid('json');
      const account = accountOf(c);
      const needed = VIEW_PERMISSIONS[options.location.split('?')[0] ?? ''];
      if (needed && !roleHolds(account.user.role, needed)) {
        throw new ApiError(
          403,
          'forbidden',
          bilingual(
            'Vai trò của bạn không được xem trang này nên không xuất được',
            'Your role may not see this view, so it cannot be exported',
          ),
        );
      }
      let content: Uint8Array;
      try {
        // The client this server serves, when it serves one: the print page is part of it.
        assertPrintAvailable(clientDirectory);
        content = await renderPrint(context, { username: account.user.username }, options, {
          keepBrowser: true,
          ...(clientDirectory ? { clientDirectory } : {}),
        });
      } catch (error) {
        if (error instanceof PrintUnavailableError) throw new ApiError(503, 'print_unavailable', error.text);
        if (error instanceof PrintFailedError) throw new ApiError(422, 'print_failed', error.text);
        throw error;
      }
      audit(c, context, {
        action: 'snapshot.export',
        target: options.location.slice(0, 200),
        after: {
          format: options.format,
          paper: options.paper,
          orientation: options.orientation,
          dpi: options.dpi,
          language: options.language,
        },
      });
      return c.body(new Uint8Array(content), 200, {
        'Content-Type': SNAPSHOT_CONTENT_TYPES[options.format],
        'Content-Disposition': contentDisposition(snapshotFileNames(options, context.now())),
        'Cache-Control': 'no-store',
      });
    },
  );
}
