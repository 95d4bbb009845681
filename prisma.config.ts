// Prisma CLI configuration. `prisma generate` needs no engine binary, but the CLI insists on
// resolving one; any existing file satisfies it offline (see STACK-NOTES). Migrations are applied by
// lib/db/migrate.ts through the WASM schema engine; a user with internet may equally run
// `DATABASE_URL=... npx prisma migrate deploy` against the same folders.
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
