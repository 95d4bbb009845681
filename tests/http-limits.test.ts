// An oversize body is refused with 413 and nothing stored, and the client's keep-alive
// connection stays usable for its next request (the rest of the body is read and dropped).
import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "./support/db";
import { startServer, type HuddleProcess } from "./support/server";

const ADMIN = "hdl_admin_limits_test_token_0123456789ab";
let db: FreshDatabase;
let server: HuddleProcess;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  server = await startServer({ databaseUrl: db.url, env: { HUDDLE_ADMIN_TOKEN: ADMIN } });
});

afterAll(async () => {
  await server?.stop();
  await db?.dispose();
});

function request(agent: http.Agent, method: string, path: string, chunks: Buffer[] = []) {
  return new Promise<{ status: number; body: string; reused: boolean }>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: server.port, method, path, agent, headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" } },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, reused: req.reusedSocket }));
      },
    );
    req.on("error", reject);
    // No content-length: the server must count a chunked body itself.
    for (const c of chunks) req.write(c);
    req.end();
  });
}

it("a chunked body over 1 MiB is 413, stores nothing, and the same connection serves the next request", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await request(agent, "GET", "/api/v1/coordinations");
    expect(first.status).toBe(200);
    const padding = "x".repeat(2 * 1024 * 1024);
    const body = JSON.stringify({
      coordination_state: { coordination_id: "too-big", session_id: "s" },
      agent_assignments: { a: { objective: padding } },
    });
    const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => Buffer.from(body.slice(i * 65536, (i + 1) * 65536)));
    const big = await request(agent, "POST", "/api/v1/coordinations", chunks);
    expect(big.status, big.body).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { code: "payload_too_large" } });
    const after = await request(agent, "GET", "/api/v1/coordinations");
    expect(after.status).toBe(200);
    expect(after.reused, "the keep-alive connection was reused").toBe(true);
    expect(JSON.parse(after.body).coordinations).toEqual([]);
  } finally {
    agent.destroy();
  }
});

it("a list cursor naming a date Postgres cannot hold is a 400, not a 500", async () => {
  const cursor = Buffer.from(JSON.stringify(["-200000-01-01T00:00:00Z", "x"])).toString("base64url");
  const res = await fetch(`${server.url}/api/v1/coordinations?cursor=${cursor}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ error: { code: "validation_error", details: [{ path: "cursor" }] } });
});

it("a context GET with a Host header that makes no URL is answered, not left hanging", async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: server.port,
        path: "/api/v1/coordinations/c/agents/a/context",
        headers: { host: "a%zz", authorization: `Bearer ${ADMIN}` },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end();
  });
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
});
