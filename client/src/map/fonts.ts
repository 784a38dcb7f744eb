import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';

/**
 * Map labels are drawn in the browser (MapLibre's TinySDF) because the style has no `glyphs` URL, so they
 * need no network. `text-font` names are read as CSS families, and a name with a weight word in it
 * ("Noto Sans Bold") would ask for a family that does not exist: the plain family name is used.
 */
export const MAP_FONT = 'Noto Sans';

// Characters from both bundled subsets, so both font files load before the first label is drawn.
const SAMPLE_TEXT = 'Aa Đđ Ăă Ââ Êê Ôô Ơơ Ưư ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ';

/** Waits for the label font; if it cannot load, labels fall back to the system's sans-serif. */
export async function loadMapFonts(): Promise<void> {
  try {
    await document.fonts.load(`400 16px "${MAP_FONT}"`, SAMPLE_TEXT);
  } catch {
    // A missing font is not worth a broken map.
  }
}
