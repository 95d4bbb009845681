// Opening the database: PGlite (embedded, persisted under HUDDLE_DATA_DIR) when no DATABASE_URL
// is given, Postgres through @prisma/adapter-pg otherwise. Everything above this file sees one
// PrismaClient and cannot tell the two apart. Migrations are applied by the server at start
// (lib/db/migrate.ts, kept out of this file so Next's route bundles never load the engine).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { peekSingleton, setSingleton } from "../singleton";
import { env } from "../env";

export type { PrismaClient } from "./generated/client";
export { Prisma } from "./generated/client";

export type DatabaseOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string }
  /** In-memory PGlite, optionally started from a `dumpDataDir()` image (tests). */
  | { kind: "pglite-memory"; image?: Blob | File };

export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The PGlite instance on the embedded default (for dumps in tests), else undefined. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export function databaseOptionsFromEnv(): DatabaseOptions {
  const e = env();
  if (e.DATABASE_URL) return { kind: "postgres", url: e.DATABASE_URL };
  return { kind: "pglite", dataDir: path.resolve(e.HUDDLE_DATA_DIR, "pglite") };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let db: Database;
  if (options.kind === "postgres") {
    const factory = new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 });
    const prisma = new PrismaClient({ adapter: factory });
    db = { kind: "postgres", prisma, factory, close: () => prisma.$disconnect() };
  } else {
    let pglite: PGlite;
    if (options.kind === "pglite") {
      // PGlite's own mkdir is not recursive.
      await mkdir(options.dataDir, { recursive: true });
      pglite = await PGlite.create(options.dataDir);
    } else {
      pglite = await PGlite.create(options.image ? { loadDataDir: options.image } : {});
    }
    // pglite-prisma-adapter carries an older copy of driver-adapter-utils; the shapes match at run time.
    const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
    const prisma = new PrismaClient({ adapter: factory });
    db = {
      kind: "pglite",
      prisma,
      factory,
      pglite,
      close: async () => {
        await prisma.$disconnect();
        // Closing cleanly matters: after a hard stop PGlite runs recovery on the next open.
        if (!pglite.closed) await pglite.close();
      },
    };
  }
  return db;
}

const KEY = "database";

/** Installs the process-wide database (the server does this before Next starts). */
export function setDatabase(db: Database | undefined): void {
  setSingleton(KEY, db);
}

let opening: Promise<Database> | undefined;

/**
 * The process-wide database. The server installs it (migrated) before Next starts; a process
 * that did not (a script) opens it from the environment on first use.
 */
export async function getDatabase(): Promise<Database> {
  const existing = peekSingleton<Database>(KEY);
  if (existing) return existing;
  opening ??= openDatabase(databaseOptionsFromEnv()).then((db) => {
    setDatabase(db);
    return db;
  });
  return opening;
}

export async function getPrisma(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}
