// The operators' admin token: HUDDLE_ADMIN_TOKEN, or, when unset, one generated on first start
// and kept in HUDDLE_DATA_DIR/admin-token (readable by this user only), printed once.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function provisionAdminToken(opts: {
  fromEnv?: string;
  dataDir: string;
}): Promise<{ token: string; generated: boolean; file?: string }> {
  if (opts.fromEnv) return { token: opts.fromEnv, generated: false };
  const file = path.resolve(opts.dataDir, "admin-token");
  try {
    const token = (await readFile(file, "utf8")).trim();
    if (token.length >= 16) return { token, generated: false, file };
  } catch {
    // not there yet: make one below
  }
  const token = `hdl_admin_${randomBytes(32).toString("base64url")}`;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: "wx" }).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== "EEXIST") throw e;
  });
  return { token: (await readFile(file, "utf8")).trim(), generated: true, file };
}
