// npm run bench: Huddle's speed on Postgres, each figure beside a bare baseline measured in the
// same run (PRODUCT.md, "Quality bars"). Needs a production build (npm run build) and the
// Postgres at TEST_DATABASE_URL; Redis is not used. Prints a table and writes
// bench-results/latest.json.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import { applyMigrations } from "../lib/db/migrate";
import { openDatabase } from "../lib/db";
import { createTestDatabase } from "../tests/support/postgres";
import { startServer } from "../tests/support/server";

const ROOT = path.resolve(import.meta.dirname, "..");
const ADMIN_TOKEN = `hdl_admin_bench_${randomBytes(16).toString("hex")}`;
const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };
const quick = process.argv.includes("--quick");

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
};
const r2 = (x: number) => Math.round(x * 1000) / 1000;

function assignments(n: number) {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    out[`agent-${i}`] = {
      agent_role: i % 3 === 0 ? "model_generator" : i % 3 === 1 ? "validator_generator" : "test_generator",
      objective: "Generate Pydantic models from YAML contract",
      tasks: ["parse_contract", "infer_types", "generate_models", "validate_models"],
      input_data: { contract_path: "./contracts/user_service.yaml", output_dir: "./models" },
      dependencies: i > 0 ? [`agent-${i - 1}`] : [],
      output_requirements: { format: "pydantic_v2", include_validators: true },
      success_criteria: { min_quality: 0.95, all_fields_typed: true },
    };
  }
  return out;
}

const sharedIntelligence = {
  type_registry: { UserId: "str", Email: "str", Timestamp: "datetime" },
  pattern_library: { validation: ["email_validator", "url_validator"] },
  naming_conventions: { class: "PascalCase", function: "snake_case", constant: "UPPER_SNAKE_CASE" },
  dependency_graph: { validator_generator: ["model_generator"], test_generator: ["model_generator", "validator_generator"] },
};

async function postJson(url: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...ADMIN }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

async function benchDistribution(base: string) {
  const rows = [];
  for (const n of quick ? [50, 500] : [50, 500, 1000]) {
    const perAgent: number[] = [];
    const wall: number[] = [];
    for (let rep = 0; rep < (quick ? 2 : 5); rep++) {
      const started = performance.now();
      const res = (await postJson(`${base}/api/v1/coordinations`, {
        coordination_state: { coordination_id: `dist-${n}-${rep}`, session_id: "bench", workflow_type: "code_generation" },
        agent_assignments: assignments(n),
        shared_intelligence: sharedIntelligence,
      })) as { metrics: { per_agent_ms: number } };
      wall.push(performance.now() - started);
      perAgent.push(res.metrics.per_agent_ms);
    }
    rows.push({
      agents: n,
      server_per_agent_ms: r2(stats(perAgent).p50),
      request_ms: r2(stats(wall).p50),
      request_per_agent_ms: r2(stats(wall).p50 / n),
    });
  }
  return rows;
}

/**
 * Agents fetching their contexts over HTTP, each with its own token: one client at a time, 50
 * polling every 100 ms, and 50 back to back; beside the same row read with a bare pg query in
 * the same patterns.
 */
async function benchContextGet(base: string, dbUrl: string) {
  const agents = 50;
  const created = (await postJson(`${base}/api/v1/coordinations`, {
    coordination_state: { coordination_id: "get-bench", session_id: "bench" },
    agent_assignments: assignments(agents),
    shared_intelligence: sharedIntelligence,
  })) as { credentials: { agent_tokens: Record<string, string> } };
  // Each agent polls its own context with its own token, as agents do.
  const tokens = Array.from({ length: agents }, (_, i) => `Bearer ${created.credentials.agent_tokens[`agent-${i}`]}`);
  const get = async (i: number) => {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/coordinations/get-bench/agents/agent-${i % agents}/context`, {
      headers: { authorization: tokens[i % agents]! },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET context: ${res.status}`);
    return performance.now() - t;
  };
  // Warm up the route and connections.
  await Promise.all(Array.from({ length: 200 }, (_, i) => get(i)));

  const perClient = quick ? 40 : 200;
  const closed: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 50 }, async (_, c) => {
      for (let k = 0; k < perClient; k++) closed.push(await get(c + k));
    }),
  );
  const closedSeconds = (performance.now() - t0) / 1000;

  const paced: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, async (_, c) => {
      await new Promise((r) => setTimeout(r, c * 2)); // spread the clients over the interval
      for (let k = 0; k < (quick ? 10 : 40); k++) {
        const t = performance.now();
        paced.push(await get(c));
        const wait = 100 - (performance.now() - t);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );

  const serial: number[] = [];
  for (let k = 0; k < (quick ? 200 : 1000); k++) serial.push(await get(k));

  // Baselines: the same row fetched with a bare pg query, in the same three patterns.
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  const sql = "SELECT context, context_version FROM agent_contexts WHERE coordination_id = $1 AND agent_id = $2";
  const bareGet = async (i: number) => {
    const t = performance.now();
    await pool.query(sql, ["get-bench", `agent-${i % agents}`]);
    return performance.now() - t;
  };
  const bare: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, async (_, c) => {
      for (let k = 0; k < perClient; k++) bare.push(await bareGet(c + k));
    }),
  );
  const barePaced: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, async (_, c) => {
      await new Promise((r) => setTimeout(r, c * 2));
      for (let k = 0; k < (quick ? 10 : 40); k++) {
        const t = performance.now();
        barePaced.push(await bareGet(c));
        const wait = 100 - (performance.now() - t);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  const bareSerial: number[] = [];
  for (let k = 0; k < 1000; k++) bareSerial.push(await bareGet(k));
  await pool.end();
  const row = (http: number[], base: number[], extra: Record<string, number> = {}) => {
    const h = stats(http);
    const b = stats(base);
    return { http_p50_ms: r2(h.p50), http_p99_ms: r2(h.p99), bare_pg_p50_ms: r2(b.p50), bare_pg_p99_ms: r2(b.p99), ...extra };
  };
  return {
    "serial (1 client)": row(serial, bareSerial),
    "paced (50 clients, each every 100 ms)": row(paced, barePaced),
    "closed loop (50 clients, back to back)": row(closed, bare, { http_per_second: Math.round(closed.length / closedSeconds) }),
  };
}

async function connectClients(url: string, n: number, subscribe: (s: Socket) => Promise<void>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, async () => {
        const s = connect(url, { transports: ["websocket"], forceNew: true, auth: { token: ADMIN_TOKEN } });
        await new Promise<void>((resolve, reject) => {
          s.once("connect", () => resolve());
          s.once("connect_error", reject);
        });
        await subscribe(s);
        return s;
      }),
    );
    sockets.push(...batch);
  }
  return sockets;
}

/** Post over HTTP, wait until every socket got the event; returns ms from post to last receipt. */
async function fanOutOnce(sockets: Socket[], post: () => Promise<unknown>): Promise<number> {
  let remaining = sockets.length;
  const started = performance.now();
  const done = new Promise<number>((resolve) => {
    for (const s of sockets) {
      s.once("update", () => {
        if (--remaining === 0) resolve(performance.now() - started);
      });
    }
  });
  await post();
  return done;
}

async function benchFanOut(huddleUrl: string) {
  const bare = spawn(process.execPath, ["--import", "tsx", "bench/bare-socketio.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const barePort = await new Promise<number>((resolve) => {
    bare.stdout!.on("data", (d: Buffer) => {
      const m = /bare listening on (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  await postJson(`${huddleUrl}/api/v1/coordinations`, {
    coordination_state: { coordination_id: "fanout", session_id: "bench" },
    agent_assignments: assignments(3),
  });
  const content = { task: "Set up data pipeline for customer data", response_summary: "Data pipeline deployed successfully", status: "completed" };
  const rows = [];
  const rounds = quick ? 15 : 60;
  for (const n of [100, 500]) {
    const huddleSockets = await connectClients(huddleUrl, n, async (s) => {
      const ack = (await s.emitWithAck("subscribe", { coordination_id: "fanout" })) as { ok: boolean };
      if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
    });
    const bareSockets = await connectClients(bareUrl, n, async (s) => {
      await s.emitWithAck("subscribe", "fanout");
    });
    const huddle: number[] = [];
    const baseline: number[] = [];
    // Alternate the two so drift on the machine affects both alike.
    for (let k = 0; k < rounds + 5; k++) {
      const h = await fanOutOnce(huddleSockets, () =>
        postJson(`${huddleUrl}/api/v1/coordinations/fanout/updates`, { agent_name: "Data Engineer", update_type: "finding", content, tags: ["bench"] }),
      );
      const b = await fanOutOnce(bareSockets, () =>
        postJson(bareUrl, { room: "fanout", payload: { coordination_id: "fanout", seq: k, agent_name: "Data Engineer", update_type: "finding", content, tags: ["bench"], created_at: new Date().toISOString() } }),
      );
      if (k >= 5) {
        huddle.push(h);
        baseline.push(b);
      }
    }
    for (const s of [...huddleSockets, ...bareSockets]) s.disconnect();
    const hs = stats(huddle);
    const bs = stats(baseline);
    rows.push({
      sockets: n,
      huddle_p50_ms: r2(hs.p50),
      huddle_p99_ms: r2(hs.p99),
      bare_p50_ms: r2(bs.p50),
      bare_p99_ms: r2(bs.p99),
      ratio_p50: r2(hs.p50 / bs.p50),
      ratio_p99: r2(hs.p99 / bs.p99),
    });
  }
  bare.kill("SIGTERM");
  return rows;
}

/** Sustained throughput: 20 concurrent posters on one coordination, with 100 subscribers. */
async function benchThroughput(huddleUrl: string) {
  await postJson(`${huddleUrl}/api/v1/coordinations`, {
    coordination_state: { coordination_id: "throughput", session_id: "bench" },
    agent_assignments: assignments(3),
  });
  const sockets = await connectClients(huddleUrl, 100, async (s) => {
    await s.emitWithAck("subscribe", { coordination_id: "throughput" });
  });
  let received = 0;
  for (const s of sockets) s.on("update", () => received++);
  const posts = quick ? 500 : 2000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, async (_, w) => {
      while (next < posts) {
        next++;
        await postJson(`${huddleUrl}/api/v1/coordinations/throughput/updates`, {
          agent_name: `worker-${w}`,
          update_type: "progress",
          content: { step: next },
        });
      }
    }),
  );
  const postSeconds = (performance.now() - started) / 1000;
  const deadline = Date.now() + 30_000;
  while (received < posts * sockets.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const deliverSeconds = (performance.now() - started) / 1000;
  for (const s of sockets) s.disconnect();
  return {
    posts,
    concurrent_posters: 20,
    subscribers: sockets.length,
    updates_per_second: Math.round(posts / postSeconds),
    deliveries_per_second: Math.round(received / deliverSeconds),
    all_delivered: received === posts * sockets.length,
  };
}

async function main() {
  const db = await createTestDatabase();
  // Migrate before the server starts so its start-up time is not part of anything.
  const opened = await openDatabase({ kind: "postgres", url: db.url });
  await applyMigrations(opened.factory);
  await opened.close();
  const server = await startServer({
    databaseUrl: db.url,
    env: { LOG_LEVEL: "error", HUDDLE_ADMIN_TOKEN: ADMIN_TOKEN, HUDDLE_RATE_LIMIT: "1000000" },
  });
  const results: Record<string, unknown> = { machine: { cpus: (await import("node:os")).cpus().length, node: process.version }, quick };
  try {
    console.log("context distribution (POST /api/v1/coordinations, median of runs) ...");
    results.distribution = await benchDistribution(server.url);
    console.table(results.distribution);
    console.log("context fetch (GET .../context) beside a bare pg query of the same row ...");
    results.context_get = await benchContextGet(server.url, db.url);
    console.table(results.context_get);
    console.log("fan-out (one update over HTTP to N subscribed sockets) vs a bare Socket.IO broadcast ...");
    results.fan_out = await benchFanOut(server.url);
    console.table(results.fan_out);
    console.log("sustained update throughput ...");
    results.throughput = await benchThroughput(server.url);
    console.table([results.throughput]);
  } finally {
    await server.stop();
    await db.drop();
  }
  await mkdir(path.join(ROOT, "bench-results"), { recursive: true });
  await writeFile(path.join(ROOT, "bench-results", "latest.json"), JSON.stringify(results, null, 2));
  console.log("written bench-results/latest.json");
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
