// A Huddle process (or several) on a fresh Postgres database for the HTTP and live-event tests:
// the admin token is fixed so every request can carry `Authorization: Bearer`, and the rate limit
// is lifted so concurrency tests measure the server, not the limiter.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "./postgres";
import { api, startServer, type HuddleProcess } from "./server";

export type Api = ReturnType<typeof api>;

export interface HuddleCluster {
  token: string;
  database: TestDatabase;
  servers: HuddleProcess[];
  /** A JSON client per server, sending the admin token. */
  clients: Api[];
  stop(): Promise<void>;
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Starts `count` processes, one after another (the first applies the migrations), on one new database. */
export async function startCluster({ count = 1, redisUrl }: { count?: number; redisUrl?: string } = {}): Promise<HuddleCluster> {
  const token = `hdl_admin_test_${randomBytes(16).toString("hex")}`;
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "huddle-wb-"));
  const servers: HuddleProcess[] = [];
  const stop = async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      servers.push(
        await startServer({
          databaseUrl: database.url,
          dataDir: path.join(dataDir, String(i)),
          redisUrl,
          env: { HUDDLE_ADMIN_TOKEN: token, HUDDLE_RATE_LIMIT: "1000000" },
        }),
      );
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    token,
    database,
    servers,
    clients: servers.map((s) => api(s.url, { authorization: `Bearer ${token}` })),
    stop,
  };
}

let counter = 0;
/** A coordination id no other test (or other test run sharing Redis) uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++counter}-${randomBytes(4).toString("hex")}`;
}

export const SEED_TEAM_ROLES = {
  "Data Engineer": "Infrastructure & Data",
  "Data Analyst": "Analysis & Insights",
  "ML Engineer": "Model Development",
};

/** Creates a coordination with three agents and the seed's team roles over HTTP; returns its id. */
export async function createCoordination(client: Api, id = uniqueId("wb")): Promise<string> {
  const res = await client.post("/api/v1/coordinations", {
    coordination_state: { coordination_id: id, session_id: "session-1" },
    agent_assignments: { data_engineer: {}, data_analyst: {}, ml_engineer: {} },
    team_roles: SEED_TEAM_ROLES,
  });
  if (res.status !== 201) throw new Error(`creating coordination ${id}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}
