// The custom server hands context GETs straight to their route handler (server/fast-lane.ts).
// It must answer exactly as the same request through Next: same status, body and headers that
// matter, for every outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "./support/db";
import { startServer, type HuddleProcess } from "./support/server";

const ADMIN = "hdl_admin_fast_lane_test_token_0123456789";

let db: FreshDatabase;
let fast: HuddleProcess;
let viaNext: HuddleProcess;
let agentToken: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  const env = { HUDDLE_ADMIN_TOKEN: ADMIN, HUDDLE_RATE_LIMIT: "1000000" };
  fast = await startServer({ databaseUrl: db.url, env: { ...env, HUDDLE_FAST_CONTEXT: "1" } });
  viaNext = await startServer({ databaseUrl: db.url, env: { ...env, HUDDLE_FAST_CONTEXT: "0" } });
  const res = await fetch(`${fast.url}/api/v1/coordinations`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({
      coordination_state: { coordination_id: "fast-1", session_id: "s" },
      agent_assignments: { model_generator: { objective: "Generate models" }, validator_generator: {} },
      shared_intelligence: { type_registry: { UserId: "str" } },
    }),
  });
  expect(res.status).toBe(201);
  agentToken = ((await res.json()) as { credentials: { agent_tokens: Record<string, string> } }).credentials.agent_tokens
    .model_generator!;
});

afterAll(async () => {
  await Promise.allSettled([fast?.stop(), viaNext?.stop()]);
  await db?.dispose();
});

async function both(path: string, headers: Record<string, string> = {}) {
  const call = async (server: HuddleProcess) => {
    const res = await fetch(server.url + path, { headers });
    const text = await res.text();
    return {
      status: res.status,
      etag: res.headers.get("etag"),
      contentType: res.headers.get("content-type"),
      body: text ? (JSON.parse(text) as unknown) : null,
    };
  };
  return { fast: await call(fast), viaNext: await call(viaNext) };
}

const own = "/api/v1/coordinations/fast-1/agents/model_generator/context";
const cases: Array<[string, string, () => Record<string, string>, number]> = [
  ["the agent's own context", own, () => ({ authorization: `Bearer ${agentToken}` }), 200],
  ["a matching If-None-Match", own, () => ({ authorization: `Bearer ${agentToken}`, "if-none-match": '"1"' }), 304],
  ["a stale If-None-Match", own, () => ({ authorization: `Bearer ${agentToken}`, "if-none-match": '"0"' }), 200],
  ["no token", own, () => ({}), 401],
  ["an unknown token", own, () => ({ authorization: "Bearer hdl_a_not_a_real_token_at_all" }), 401],
  ["another agent's context", "/api/v1/coordinations/fast-1/agents/validator_generator/context", () => ({ authorization: `Bearer ${agentToken}` }), 403],
  ["an unknown agent", "/api/v1/coordinations/fast-1/agents/nobody/context", () => ({ authorization: `Bearer ${ADMIN}` }), 404],
  ["an id with a space", "/api/v1/coordinations/fast%201/agents/model_generator/context", () => ({ authorization: `Bearer ${ADMIN}` }), 400],
  ["broken percent-encoding", "/api/v1/coordinations/fast%ZZ/agents/model_generator/context", () => ({ authorization: `Bearer ${ADMIN}` }), 400],
];

describe("context GET through the fast lane and through Next", () => {
  it.each(cases)("%s: both answer the same", async (_name, path, headers, status) => {
    const { fast: a, viaNext: b } = await both(path, headers());
    expect(a.status, `fast lane status for ${path}`).toBe(status);
    expect(b.status, `Next status for ${path}`).toBe(status);
    expect(a.etag).toBe(b.etag);
    expect(a.contentType).toBe(b.contentType);
    expect(a.body).toEqual(b.body);
  });

  it("serves the package exactly as distributed, with ETag the context_version", async () => {
    const { fast: a } = await both(own, { authorization: `Bearer ${agentToken}` });
    expect(a.etag).toBe('"1"');
    expect(a.body).toMatchObject({
      coordination_metadata: { coordination_id: "fast-1", agent_id: "model_generator" },
      agent_assignment: { objective: "Generate models" },
      shared_intelligence: { type_registry: { UserId: "str" } },
      context_version: 1,
    });
  });
});
