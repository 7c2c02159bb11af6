/**
 * The database tables (Drizzle, PostgreSQL/PGlite), one file per capability; `drizzle.config.ts` reads this index.
 * Import from here (`db/schema`), not from the files.
 */

export * from './catalogue';
export * from './citizen-services';
export * from './dossiers';
export * from './files';
export * from './identity';
export * from './queue';
export * from './statistics';
