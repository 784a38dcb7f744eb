import { bilingual } from '@domain/bilingual';
import { parseBoundingBox, splitLocation } from '../../format/print-layout';
import { hotSpotContent } from './print-content-hot-spots';
import { mapContent } from './print-content-map';
import { programmeContent } from './print-content-programme';
import { type PrintContent, PrintContentError, type PrintContext } from './print-content-shared';

export * from './print-content-shared';

/**
 * What the print page draws for a view's address: the era's units, the colours of the view's own painter
 * (the incident choropleth, hot-spot classes or programme statuses), how to frame them, and the texts around
 * the map (title, subtitle, legend, source and method). Fetched with the same API calls the views make, and
 * with the signed-in account's scope, so a print shows what that account sees on screen.
 */

export async function loadPrintContent(location: string, context: PrintContext): Promise<PrintContent> {
  const { path, query } = splitLocation(location);
  const box = parseBoundingBox(query.bbox);
  if (path === '/map') return { ...(await mapContent(query, context)), box };
  if (path === '/hotspots') return { ...(await hotSpotContent(query, context)), box };
  if (path === '/programme') return { ...(await programmeContent(query, context)), box };
  throw new PrintContentError(
    bilingual(
      `Chưa in được trang "${path}": chỉ bản đồ vụ việc, điểm nóng và chương trình chuyển hóa`,
      `The view "${path}" cannot be printed: only the incident map, hot spots and the programme`,
    ),
  );
}
