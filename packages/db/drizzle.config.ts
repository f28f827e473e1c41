import { defineConfig } from 'drizzle-kit';

/** `pnpm generate` writes SQL migrations for changes of the schema into `drizzle/`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
