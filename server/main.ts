import { serve } from '@hono/node-server';
import { createApp } from './app';
import { openDatabase } from './db/database';
import { listEras } from './db/queries/eras';
import { createAppContext, securityFromEnvironment } from './routes/context';
import { closeKeptBrowser } from './services/print-render';

export interface ServerOptions {
  port: number;
  databasePath: string;
  clientDirectory: string;
  host?: string;
}

/** The only place that opens a port: serves the API and the built client until the process ends. */
export function startServer(options: ServerOptions): Promise<{ port: number; close: () => Promise<void> }> {
  const database = openDatabase(options.databasePath);
  const context = createAppContext(database, undefined, securityFromEnvironment(process.env));
  // The incident index every count reads is built before the port opens: built by the first request
  // instead, it would hold up the first map (seconds with a million incidents).
  for (const era of listEras(database)) context.incidents.forEra(era);
  const app = createApp(context, { clientDirectory: options.clientDirectory });
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host ?? '0.0.0.0' },
      (info) => {
        resolve({
          port: info.port,
          close: async () => {
            // The Chromium kept for the next snapshot would keep the process alive.
            await Promise.all([
              closeKeptBrowser(),
              new Promise<void>((done) => {
                server.close(() => {
                  database.$client.close();
                  done();
                });
              }),
            ]);
          },
        });
      },
    );
  });
}
