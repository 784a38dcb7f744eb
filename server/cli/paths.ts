import { fileURLToPath } from 'node:url';

/** The repository root, wherever the command is run from. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where `vite build` puts the client. */
export const CLIENT_BUILD_DIRECTORY = fileURLToPath(new URL('../../dist/client', import.meta.url));
