// Migrations: schema.prisma and prisma/migrations agree, and lib/db/migrate.ts applies the folders
// to Postgres and to PGlite exactly as `prisma migrate deploy` records them.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, defaultMigrationsDir, diffMigrationsToSchema } from "../lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "./support/postgres";

const SLOW = 60_000;
const TABLES = ["agent_context_versions", "agent_contexts", "coordinations", "updates"];

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

/** Folder names and the sha256 of each migration.sql, as Prisma stores them. */
async function migrationFolders(): Promise<{ name: string; checksum: string }[]> {
  const dir = defaultMigrationsDir();
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  names.sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"));
      return { name, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

function expectRecorded(rows: MigrationRow[], folders: { name: string; checksum: string }[]) {
  expect(rows.map((r) => r.migration_name)).toEqual(folders.map((f) => f.name));
  for (const [i, row] of rows.entries()) {
    expect(row.checksum).toBe(folders[i]?.checksum);
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.rolled_back_at).toBeNull();
    expect(row.logs).toBeNull();
    expect(row.applied_steps_count).toBe(1);
  }
}

const MIGRATIONS_QUERY =
  "SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count " +
  "FROM _prisma_migrations ORDER BY migration_name";
const TABLES_QUERY =
  "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";

describe("migrations", () => {
  it(
    "schema.prisma and prisma/migrations agree",
    async () => {
      const sql = await diffMigrationsToSchema();
      expect(
        sql.trim(),
        "prisma/schema.prisma differs from prisma/migrations. Create a migration with " +
          "`npm run db:migration -- <name>` (lowercase, underscores). The missing SQL:\n\n" +
          sql,
      ).toBe("");
    },
    SLOW,
  );

  describe("on Postgres", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    }, SLOW);
    afterAll(async () => {
      await db?.drop();
    }, SLOW);

    it(
      "applies every migration once and records it in _prisma_migrations",
      async () => {
        const folders = await migrationFolders();
        const factory = new PrismaPg({ connectionString: db.url });
        expect(await applyMigrations(factory)).toEqual(folders.map((f) => f.name));
        expect(await applyMigrations(factory)).toEqual([]);

        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          const tables = (await client.query<{ tablename: string }>(TABLES_QUERY)).rows;
          expect(tables.map((t) => t.tablename)).toEqual(
            expect.arrayContaining(["_prisma_migrations", ...TABLES]),
          );
          expectRecorded((await client.query<MigrationRow>(MIGRATIONS_QUERY)).rows, folders);
          // The engine's connections are disposed, so Prisma's advisory lock is not left behind.
          const locks = await client.query(
            // This database's only: other test files migrate their own databases at the same time.
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 " +
              "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
          );
          expect(locks.rowCount).toBe(0);
        } finally {
          await client.end();
        }
      },
      SLOW,
    );

    it(
      "lets concurrent starts wait for each other without stalling",
      async () => {
        const fresh = await createTestDatabase();
        try {
          const factories = [0, 1].map(() => new PrismaPg({ connectionString: fresh.url }));
          const started = Date.now();
          const results = await Promise.all(factories.map((f) => applyMigrations(f)));
          // One applied everything, the other found nothing to do; nobody waited out pg's 10 s idle timeout.
          const folders = await migrationFolders();
          expect(results.map((r) => r.length).sort()).toEqual([0, folders.length]);
          expect(Date.now() - started).toBeLessThan(8_000);
        } finally {
          await fresh.drop();
        }
      },
      SLOW,
    );
  });

  it(
    "applies every migration once on an in-memory PGlite",
    async () => {
      const pglite = await PGlite.create();
      try {
        // pglite-prisma-adapter carries an older copy of driver-adapter-utils.
        const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
        const folders = await migrationFolders();
        expect(await applyMigrations(factory)).toEqual(folders.map((f) => f.name));
        expect(await applyMigrations(factory)).toEqual([]);

        const tables = (await pglite.query<{ tablename: string }>(TABLES_QUERY)).rows;
        expect(tables.map((t) => t.tablename)).toEqual(
          expect.arrayContaining(["_prisma_migrations", ...TABLES]),
        );
        expectRecorded((await pglite.query<MigrationRow>(MIGRATIONS_QUERY)).rows, folders);
      } finally {
        await pglite.close();
      }
    },
    SLOW,
  );
});
