import { defineConfig } from 'drizzle-kit';

// One migration set for PGlite and PostgreSQL: `npm run db:generate` after changing the schema (src/server/db/schema/).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema/index.ts',
  out: './src/server/db/migrations',
});
