// A fresh, migrated database per test file (or per describe block): real Postgres in its own
// database, dropped afterwards, or an in-memory PGlite cloned from the run's migrated image.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, setDatabase, type Database } from "../../lib/db";
import { applyMigrations } from "../../lib/db/migrate";
import { createTestDatabase } from "./postgres";

export type DbKind = "postgres" | "pglite";
export const DB_KINDS: DbKind[] = ["postgres", "pglite"];

export interface FreshDatabase {
  db: Database;
  /** Connection string (Postgres only): for a server process on the same database. */
  url?: string;
  dispose(): Promise<void>;
}

export async function freshDatabase(kind: DbKind): Promise<FreshDatabase> {
  if (kind === "postgres") {
    const t = await createTestDatabase();
    const db = await openDatabase({ kind: "postgres", url: t.url, poolSize: 20 });
    await applyMigrations(db.factory);
    return {
      db,
      url: t.url,
      dispose: async () => {
        await db.close();
        await t.drop();
      },
    };
  }
  const image = new Blob([await readFile(inject("pgliteImage"))]);
  const db = await openDatabase({ kind: "pglite-memory", image });
  return { db, dispose: () => db.close() };
}

/**
 * Installs a fresh database as the process-wide one for the enclosing describe block; the
 * domain functions under test use it. Returns a getter (the database opens in beforeAll).
 */
export function useDatabase(kind: DbKind): () => FreshDatabase {
  let fresh: FreshDatabase | undefined;
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    setDatabase(fresh.db);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await fresh?.dispose();
  });
  return () => {
    if (!fresh) throw new Error("database not open yet (use it inside a test or hook)");
    return fresh;
  };
}
