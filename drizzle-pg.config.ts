// The PostgreSQL schema's migrations (db/schema-pg.ts → db/migrations-pg): `npx drizzle-kit generate --config drizzle-pg.config.ts`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg.ts',
  out: './db/migrations-pg',
});
