import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/lock';
import { createServer } from './server';

/** `npm start`: read config, open the database, migrate, seed, listen. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(
        `motcua: ${e.message}\nFix the environment variables above (see README, "Configuration").`,
      );
      process.exit(1);
    }
    throw e;
  }
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`motcua: ${e.message}`);
      process.exit(1);
    }
    console.error(`motcua: could not open the database (${where}): ${(e as Error).message}`);
    process.exit(1);
  }
  const shutdown = async (signal: string) => {
    server.app.log.info(`${signal} received, shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await server.app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  server.app.log.info(`motcua is running on ${url} (database: ${where}; API docs: ${url}/api/docs)`);
}

await main();
