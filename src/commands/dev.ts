import { commonOptions, parse } from './args.ts';
import { UserError } from '../diagnostic.ts';
import { startDevServer } from '../dev/server.ts';

/** `handover dev`: serves the site from memory on 127.0.0.1 and reloads the browser on every change; runs until stopped. */
export async function runDev(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ...commonOptions,
    port: { type: 'string' },
    host: { type: 'string' },
    base: { type: 'string' },
    open: { type: 'boolean' },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new UserError(`--port must be a port number (1-65535), not "${values.port}"`);
  const log = (line: string) => console.log(`handover dev: ${line}`);
  const server = await startDevServer({ ...values, port, log }).catch((cause: NodeJS.ErrnoException) => {
    if (cause?.code === 'EADDRINUSE') throw new UserError(`port ${port} is in use; pick another with --port, or stop what is using it`);
    if (cause?.code === 'EADDRNOTAVAIL' || cause?.code === 'ENOTFOUND') throw new UserError(`cannot listen on --host ${values.host}: ${cause.message}`);
    throw cause;
  });
  console.log(`\n  Handover dev server: ${server.url}\n  Watching content, site.config.ts, templates and theme. Press Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.site.save().catch(() => {});
  return 0;
}
