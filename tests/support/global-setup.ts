// Once per test run: a migrated PGlite image that every test clones in about half a second
// (a fresh PGlite runs initdb, several seconds), and a check that the Postgres server answers.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../lib/db";
import { applyMigrations } from "../../lib/db/migrate";
import { TEST_DATABASE_URL } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteImage: string;
  }
}

export default async function setup(project: TestProject) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    throw new Error(`The tests need PostgreSQL at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${String(e)}`);
  } finally {
    await client.end().catch(() => undefined);
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), "huddle-test-"));
  const db = await openDatabase({ kind: "pglite-memory" });
  await applyMigrations(db.factory);
  const image = await db.pglite!.dumpDataDir("none");
  await db.close();
  const file = path.join(dir, "pglite-image.tar");
  await writeFile(file, Buffer.from(await image.arrayBuffer()));
  project.provide("pgliteImage", file);

  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
