import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { BilingualError, bilingual } from '../domain/bilingual';

/** Debian's Chromium; a browser download (`npx playwright install`) cannot work on offline machines. */
export const CHROMIUM_PATH = process.env.DIABAN_CHROMIUM || '/usr/bin/chromium';

/**
 * Flags for headless Chromium on servers without a GPU or a network: WebGL through SwiftShader (MapLibre
 * needs WebGL 2), and none of the background connections that a closed network refuses.
 */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new BilingualError(
      bilingual(
        `Không tìm thấy Chromium tại ${CHROMIUM_PATH}: cài bằng "apt-get install chromium" (hoặc đặt DIABAN_CHROMIUM)`,
        `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install chromium" (or set DIABAN_CHROMIUM)`,
      ),
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}
