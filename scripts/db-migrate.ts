// `npm run db:migrate`: applies the pending migrations of prisma/migrations to the database the
// environment names (DATABASE_URL, else the embedded PGlite under HUDDLE_DATA_DIR). The server
// does the same at every start; this is for deploy pipelines and for checking by hand.
import { databaseOptionsFromEnv, openDatabase, type Database } from "../lib/db/index";
import { applyMigrations } from "../lib/db/migrate";

async function main(): Promise<void> {
  const options = databaseOptionsFromEnv();
  const where =
    options.kind === "postgres"
      ? redact(options.url)
      : options.kind === "pglite"
        ? options.dataDir
        : "memory";
  let db: Database | undefined;
  try {
    db = await openDatabase(options);
    const applied = await applyMigrations(db.factory);
    if (applied.length === 0) console.log(`Database (${options.kind}: ${where}) is up to date.`);
    else {
      console.log(`Applied ${applied.length} migration(s) to ${options.kind}: ${where}:`);
      for (const name of applied) console.log(`  ${name}`);
    }
  } finally {
    await db?.close();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
