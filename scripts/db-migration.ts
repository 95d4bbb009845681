// `npm run db:migration -- <name>`: writes the next migration, the SQL that takes the existing
// migration folders to prisma/schema.prisma, as prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql.
// Offline (in-memory PGlite shadow database); the equivalent of `prisma migrate dev --create-only`.
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  defaultMigrationsDir,
  diffMigrationsToSchema,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
} from "../lib/db/migrate";

const USAGE = "usage: npm run db:migration -- <name>   (lowercase letters, digits, underscores)";

function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const name = args[0];
  if (args.length !== 1 || !name || !/^[a-z0-9_]+$/.test(name) || name.length > 200) {
    console.error(USAGE);
    return 2;
  }

  const migrationsDir = defaultMigrationsDir();
  const sql = await diffMigrationsToSchema({ migrationsDir });
  if (sql.trim() === "") {
    console.log("schema.prisma and the migrations agree; nothing to write");
    return 0;
  }

  await mkdir(migrationsDir, { recursive: true });
  const lockFile = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!(await exists(lockFile))) await writeFile(lockFile, MIGRATION_LOCK_CONTENT);

  // Prisma's migration names are UTC timestamps; never reuse (or sort before) an existing folder.
  const folder = path.join(migrationsDir, `${timestamp(new Date())}_${name}`);
  await mkdir(folder);
  const file = path.join(folder, "migration.sql");
  await writeFile(file, sql);
  console.log(path.relative(process.cwd(), file));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db:migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
