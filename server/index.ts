// Huddle's process: opens the database (and migrates), serves Next and attaches Socket.IO on
// the same port, and shuts down without losing acknowledged work. Thin on purpose.
import { createServer } from "node:http";
import next from "next";
import { env } from "../lib/env";
import { databaseOptionsFromEnv, openDatabase, setDatabase } from "../lib/db";
import { applyMigrations } from "../lib/db/migrate";
import { logger } from "../lib/log";
import { attachRealtime } from "./realtime";
import { provisionAdminToken } from "./admin-token";
import { setAdminToken } from "../lib/domain/access";

async function main() {
  const e = env();
  const log = logger();
  const dev = process.env.NODE_ENV !== "production";

  const db = await openDatabase(databaseOptionsFromEnv());
  const applied = await applyMigrations(db.factory);
  setDatabase(db);
  log.info({ database: db.kind, migrationsApplied: applied }, "database ready");

  const admin = await provisionAdminToken({
    fromEnv: e.HUDDLE_ADMIN_TOKEN,
    dataDir: e.HUDDLE_DATA_DIR,
  });
  if (!e.HUDDLE_ADMIN_TOKEN && e.REDIS_URL) {
    log.warn("HUDDLE_ADMIN_TOKEN is unset: processes sharing Redis need one admin token; set it for each");
  }
  setAdminToken(admin.token);

  const httpServer = createServer();
  const app = next({ dev, hostname: e.host, port: e.PORT, httpServer });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Loaded after prepare(): route handlers need the runtime Next sets up.
  const { rejectMalformedApiPath, serveFastLane } = await import("./fast-lane");
  httpServer.on("request", (req, res) => {
    // Socket.IO answers its own path; everything else is Next's.
    if (req.url?.startsWith("/socket.io/")) return;
    if (rejectMalformedApiPath(req, res)) return;
    if (e.HUDDLE_FAST_CONTEXT && serveFastLane(req, res)) return;
    void handle(req, res);
  });
  const realtime = await attachRealtime(httpServer, { redisUrl: e.REDIS_URL });

  await new Promise<void>((resolve) => httpServer.listen(e.PORT, e.host, resolve));
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : e.PORT;
  log.info({ port, dev, redis: Boolean(e.REDIS_URL) }, "huddle listening");
  const base = `http://${e.host === "0.0.0.0" ? "localhost" : e.host}:${port}`;
  console.log(`Huddle is listening on ${base}`);
  if (admin.generated) {
    // Printed once, on the start that made it; later starts only say where it is.
    console.log(`\nAdmin token (shown once, kept in ${admin.file}):\n  ${admin.token}\nSign in: ${base}/sign-in\n`);
  } else if (admin.file) {
    console.log(`Admin token: in ${admin.file}. Sign in: ${base}/sign-in`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // Stop taking requests, let the ones in flight finish (they commit before answering),
    // then close sockets and the database. PGlite must be closed cleanly.
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await realtime.close();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
    httpServer.closeAllConnections();
    await app.close?.();
    await db.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  logger().fatal({ err }, "huddle failed to start");
  console.error(err);
  process.exit(1);
});
