import { defineConfig } from 'drizzle-kit';

// One migration set for PGlite and PostgreSQL: `npm run db:generate` after changing schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
