// Access control and hardening (API.md "Access", "Conventions"), through real Huddle processes on
// fresh Postgres databases: every /api/v1 endpoint against every kind of caller, driven by one
// table (one named test per endpoint and caller); credentials shown once and revoked by
// re-distribution; tokens stored only as SHA-256 hashes; the per-token rate limit; bounded page
// sizes; Socket.IO handshake and subscribe checks; and the embedded default's first-start admin
// token, printed once and kept in the data folder.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAX_SUBSCRIPTIONS } from "../lib/realtime/hub";
import { createTeam, withToken, type Team } from "./support/credentials";
import { startCluster, uniqueId, type Api, type HuddleCluster } from "./support/huddle";
import { createTestDatabase, type TestDatabase } from "./support/postgres";
import { connectClient, type LiveClient } from "./support/realtime";
import { api, startServer, type HuddleProcess } from "./support/server";
import { waitFor } from "./support/wait";

type Reply = Awaited<ReturnType<Api["get"]>>;

const V1 = "/api/v1/coordinations";

let cluster: HuddleCluster;
let admin: Api;
let url: string;

beforeAll(async () => {
  cluster = await startCluster();
  admin = cluster.clients[0]!;
  url = cluster.servers[0]!.url;
});

afterAll(async () => {
  await cluster?.stop();
});

/** Asserts status and error code together, printing the body when they differ. */
function expectError(reply: Reply, status: number, code: string) {
  expect({ status: reply.status, code: reply.body?.error?.code }, `body: ${JSON.stringify(reply.body)}`).toEqual({ status, code });
}

function expectStatus(reply: Reply, status: number, what = "") {
  expect(reply.status, `${what} expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`).toBe(status);
}

// --- the world every access row runs in ------------------------------------------------------

/** Coordination A (two agents) and coordination B (one agent), each with its credentials. */
interface World {
  a: Team;
  b: Team;
}

const A_AGENTS = ["alpha-1", "alpha-2"];
const B_AGENTS = ["beta-1"];

async function newWorld(): Promise<World> {
  const [a, b] = await Promise.all([
    createTeam(admin, url, { id: uniqueId("acc-a"), agents: A_AGENTS }),
    createTeam(admin, url, { id: uniqueId("acc-b"), agents: B_AGENTS }),
  ]);
  return { a, b };
}

/** The callers with a token that authenticates; each is checked against the rules below. */
type TokenCaller = "admin" | "coordinatorA" | "agentAOwn" | "agentAOther" | "coordinatorB" | "agentB";
type CallerKind = "none" | "malformed" | "unknown" | TokenCaller;

interface Caller {
  kind: CallerKind;
  name: string;
  /** The Authorization header, if any. */
  authorization(w: World): string | undefined;
  /** The agent of A the request names (in the path, or as agent_name of an update). */
  aid: string;
}

const bearer = (token: string) => `Bearer ${token}`;

const CALLERS: Caller[] = [
  { kind: "none", name: "no token", authorization: () => undefined, aid: "alpha-1" },
  { kind: "malformed", name: "a malformed Authorization header", authorization: () => "Basic YWRtaW46YWRtaW4=", aid: "alpha-1" },
  {
    kind: "unknown",
    name: "an unknown token",
    authorization: () => bearer("hdl_a_this-token-was-never-issued-by-anyone-0123456789"),
    aid: "alpha-1",
  },
  { kind: "admin", name: "the admin token", authorization: () => bearer(cluster.token), aid: "alpha-1" },
  { kind: "coordinatorA", name: "A's coordinator token", authorization: (w) => bearer(w.a.credentials.coordinator_token), aid: "alpha-1" },
  { kind: "agentAOwn", name: "A's agent token for its own agent", authorization: (w) => bearer(w.a.credentials.agent_tokens["alpha-1"]!), aid: "alpha-1" },
  {
    kind: "agentAOther",
    name: "A's agent token for another agent of A",
    authorization: (w) => bearer(w.a.credentials.agent_tokens["alpha-1"]!),
    aid: "alpha-2",
  },
  { kind: "coordinatorB", name: "B's coordinator token", authorization: (w) => bearer(w.b.credentials.coordinator_token), aid: "alpha-1" },
  { kind: "agentB", name: "B's agent token", authorization: (w) => bearer(w.b.credentials.agent_tokens["beta-1"]!), aid: "alpha-1" },
];

type Outcome = "allowed" | 403;

/** Who may call, for the callers whose token authenticates (the others always get 401). */
type Rule = Record<TokenCaller, Outcome>;

const RULES = {
  /** The admin token and A's coordinator: coordination:read and coordination:write. */
  coordinatorOnly: { admin: "allowed", coordinatorA: "allowed", agentAOwn: 403, agentAOther: 403, coordinatorB: 403, agentB: 403 },
  /** An agent's own context, versions and view; an update posted as itself. */
  ownAgent: { admin: "allowed", coordinatorA: "allowed", agentAOwn: "allowed", agentAOther: 403, coordinatorB: 403, agentB: 403 },
  /** Team status and the update log: any token of A. */
  team: { admin: "allowed", coordinatorA: "allowed", agentAOwn: "allowed", agentAOther: "allowed", coordinatorB: 403, agentB: 403 },
  /** Not about one coordination: every token (the list shows a token only its own coordination). */
  anyToken: { admin: "allowed", coordinatorA: "allowed", agentAOwn: "allowed", agentAOther: "allowed", coordinatorB: "allowed", agentB: "allowed" },
  /** Creating a new coordination takes the admin token. */
  adminOnly: { admin: "allowed", coordinatorA: 403, agentAOwn: 403, agentAOther: 403, coordinatorB: 403, agentB: 403 },
} satisfies Record<string, Rule>;

interface Endpoint {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route as API.md writes it. */
  template: string;
  /** A variant of the call, when one endpoint has two (create vs replace). */
  variant?: string;
  path(w: World, c: Caller): string;
  body?(w: World, c: Caller): unknown;
  /** The status of an allowed call. */
  ok: number;
  rule: Rule;
  /** Changes that would disturb later rows (revoking tokens, clearing contexts) run in a world of their own. */
  fresh?: boolean;
}

const teamBody = (id: string, agents: string[], replace = false) => ({
  coordination_state: { coordination_id: id, session_id: "session-access" },
  agent_assignments: Object.fromEntries(agents.map((a) => [a, {}])),
  replace,
});

const A = (w: World) => `${V1}/${w.a.id}`;

const ENDPOINTS: Endpoint[] = [
  {
    method: "POST",
    template: "/api/v1/coordinations",
    variant: "creating a new coordination",
    path: () => V1,
    body: () => teamBody(uniqueId("acc-new"), ["solo"]),
    ok: 201,
    rule: RULES.adminOnly,
  },
  {
    method: "POST",
    template: "/api/v1/coordinations",
    variant: "re-distributing A with replace",
    path: () => V1,
    body: (w) => teamBody(w.a.id, A_AGENTS, true),
    ok: 201,
    rule: RULES.coordinatorOnly,
    fresh: true,
  },
  { method: "GET", template: "/api/v1/coordinations", path: () => V1, ok: 200, rule: RULES.anyToken },
  { method: "GET", template: "/api/v1/coordinations/{cid}", path: (w) => A(w), ok: 200, rule: RULES.coordinatorOnly },
  { method: "GET", template: "/api/v1/coordinations/{cid}/agents", path: (w) => `${A(w)}/agents`, ok: 200, rule: RULES.coordinatorOnly },
  {
    method: "GET",
    template: "/api/v1/coordinations/{cid}/agents/{aid}/context",
    path: (w, c) => `${A(w)}/agents/${c.aid}/context`,
    ok: 200,
    rule: RULES.ownAgent,
  },
  {
    method: "GET",
    template: "/api/v1/coordinations/{cid}/agents/{aid}/context/versions",
    path: (w, c) => `${A(w)}/agents/${c.aid}/context/versions`,
    ok: 200,
    rule: RULES.ownAgent,
  },
  {
    method: "GET",
    template: "/api/v1/coordinations/{cid}/agents/{aid}/context/versions/{n}",
    path: (w, c) => `${A(w)}/agents/${c.aid}/context/versions/1`,
    ok: 200,
    rule: RULES.ownAgent,
  },
  {
    method: "GET",
    template: "/api/v1/coordinations/{cid}/agents/{aid}/view",
    path: (w, c) => `${A(w)}/agents/${c.aid}/view`,
    ok: 200,
    rule: RULES.ownAgent,
  },
  {
    method: "PUT",
    template: "/api/v1/coordinations/{cid}/agents/{aid}/resource-allocation",
    path: (w, c) => `${A(w)}/agents/${c.aid}/resource-allocation`,
    body: () => ({ resource_allocation: { max_retry_attempts: 5 } }),
    ok: 200,
    rule: RULES.coordinatorOnly,
  },
  {
    method: "PATCH",
    template: "/api/v1/coordinations/{cid}/shared-intelligence",
    path: (w) => `${A(w)}/shared-intelligence`,
    body: () => ({ update_type: "type_registry", update_data: { Order: { fields: ["id"] } } }),
    ok: 200,
    rule: RULES.coordinatorOnly,
  },
  {
    method: "DELETE",
    template: "/api/v1/coordinations/{cid}/contexts",
    path: (w) => `${A(w)}/contexts`,
    ok: 200,
    rule: RULES.coordinatorOnly,
    fresh: true,
  },
  {
    method: "PUT",
    template: "/api/v1/coordinations/{cid}/mission",
    path: (w) => `${A(w)}/mission`,
    body: () => ({ mission: "Ship the access rules", current_focus: "Tests" }),
    ok: 200,
    rule: RULES.coordinatorOnly,
  },
  {
    method: "PUT",
    template: "/api/v1/coordinations/{cid}/progress",
    path: (w) => `${A(w)}/progress`,
    body: () => ({ progress: "Halfway" }),
    ok: 200,
    rule: RULES.coordinatorOnly,
  },
  {
    method: "POST",
    template: "/api/v1/coordinations/{cid}/blockers",
    path: (w) => `${A(w)}/blockers`,
    body: () => ({ action: "add", blocker: "Waiting for review" }),
    ok: 200,
    rule: RULES.coordinatorOnly,
  },
  {
    method: "POST",
    template: "/api/v1/coordinations/{cid}/decisions",
    path: (w) => `${A(w)}/decisions`,
    body: () => ({ decision: "Hash every token", rationale: "Shown once" }),
    ok: 201,
    rule: RULES.coordinatorOnly,
  },
  {
    method: "GET",
    template: "/api/v1/coordinations/{cid}/decision-log",
    path: (w) => `${A(w)}/decision-log`,
    ok: 200,
    rule: RULES.coordinatorOnly,
  },
  { method: "GET", template: "/api/v1/coordinations/{cid}/roster", path: (w) => `${A(w)}/roster`, ok: 200, rule: RULES.coordinatorOnly },
  {
    method: "POST",
    template: "/api/v1/coordinations/{cid}/updates",
    path: (w) => `${A(w)}/updates`,
    // An agent names no one (it posts as itself), or names another agent; others must name one.
    body: (_w, c) =>
      c.kind === "agentAOwn"
        ? { update_type: "finding", content: { found: "a thing" } }
        : { agent_name: c.aid, update_type: "finding", content: { found: "a thing" } },
    ok: 201,
    rule: RULES.ownAgent,
  },
  { method: "GET", template: "/api/v1/coordinations/{cid}/updates", path: (w) => `${A(w)}/updates`, ok: 200, rule: RULES.team },
  { method: "GET", template: "/api/v1/coordinations/{cid}/status", path: (w) => `${A(w)}/status`, ok: 200, rule: RULES.team },
  {
    method: "POST",
    template: "/api/v1/coordinations/{cid}/tools/{name}",
    path: (w) => `${A(w)}/tools/update_progress_func`,
    body: () => ({ progress: "Through a tool" }),
    ok: 200,
    rule: RULES.coordinatorOnly,
  },
  { method: "GET", template: "/api/v1/tools", path: () => "/api/v1/tools", ok: 200, rule: RULES.anyToken },
];

async function call(w: World, e: Endpoint, c: Caller): Promise<Reply> {
  const authorization = c.authorization(w);
  const client = api(url, authorization ? { authorization } : {});
  const p = e.path(w, c);
  const body = e.body?.(w, c);
  switch (e.method) {
    case "GET":
      return client.get(p);
    case "POST":
      return client.post(p, body);
    case "PUT":
      return client.put(p, body);
    case "PATCH":
      return client.patch(p, body);
    case "DELETE":
      return client.delete(p);
  }
}

function expectedOf(e: Endpoint, c: Caller): Outcome | 401 {
  return c.kind === "none" || c.kind === "malformed" || c.kind === "unknown" ? 401 : e.rule[c.kind];
}

describe("every endpoint against every caller", () => {
  let shared: World;
  beforeAll(async () => {
    shared = await newWorld();
  });

  for (const e of ENDPOINTS) {
    for (const c of CALLERS) {
      const expected = expectedOf(e, c);
      const what = expected === "allowed" ? `is allowed (${e.ok})` : `is ${expected} (${expected === 401 ? "unauthorized" : "forbidden"})`;
      const name = `${e.method} ${e.template}${e.variant ? ` (${e.variant})` : ""} with ${c.name} ${what}`;
      it(name, async () => {
        const w = e.fresh ? await newWorld() : shared;
        const reply = await call(w, e, c);
        if (expected === "allowed") expectStatus(reply, e.ok, `${c.name}:`);
        else expectError(reply, expected, expected === 401 ? "unauthorized" : "forbidden");
      });
    }
  }
});

describe("what a token reaches", () => {
  let w: World;
  beforeAll(async () => {
    w = await newWorld();
  });

  it("an agent posting without agent_name posts as the agent of its token", async () => {
    const res = await w.a.agent("alpha-1").post(`${V1}/${w.a.id}/updates`, { update_type: "progress", content: { step: 1 } });
    expectStatus(res, 201);
    expect(res.body.agent_name).toBe("alpha-1");
  });

  it("an agent may name itself as agent_name", async () => {
    const res = await w.a.agent("alpha-2").post(`${V1}/${w.a.id}/updates`, { agent_name: "alpha-2", update_type: "finding", content: {} });
    expectStatus(res, 201);
    expect(res.body.agent_name).toBe("alpha-2");
  });

  it("an agent naming another agent is 403 and nothing is logged", async () => {
    const before = (await admin.get(`${V1}/${w.a.id}`)).body;
    const res = await w.a.agent("alpha-1").post(`${V1}/${w.a.id}/updates`, { agent_name: "Coordinator", update_type: "decision", content: {} });
    expectError(res, 403, "forbidden");
    const after = (await admin.get(`${V1}/${w.a.id}`)).body;
    expect({ version: after.version, last_seq: after.last_seq }).toEqual({ version: before.version, last_seq: before.last_seq });
  });

  it("the coordinator token and the admin token must name the agent an update is posted as (400 naming agent_name)", async () => {
    for (const client of [w.a.coordinator, admin]) {
      const res = await client.post(`${V1}/${w.a.id}/updates`, { update_type: "finding", content: {} });
      expectError(res, 400, "validation_error");
      expect(res.body.error.details).toEqual([{ path: "agent_name", message: expect.any(String) }]);
    }
  });

  it("changes are logged as Coordinator with the coordinator token and as Operator with the admin token", async () => {
    const byCoordinator = await w.a.coordinator.post(`${V1}/${w.a.id}/decisions`, { decision: "C" });
    const byAdmin = await admin.post(`${V1}/${w.a.id}/decisions`, { decision: "O" });
    expect([byCoordinator.body.update?.agent_name, byAdmin.body.update?.agent_name]).toEqual(["Coordinator", "Operator"]);
  });

  it("the list shows a coordination's tokens only their own coordination; the admin token sees both", async () => {
    const ids = async (client: Api) => ((await client.get(`${V1}?limit=200`)).body.coordinations as { coordination_id: string }[]).map((c) => c.coordination_id);
    expect(await ids(w.b.coordinator)).toEqual([w.b.id]);
    expect(await ids(w.b.agent("beta-1"))).toEqual([w.b.id]);
    expect(await ids(w.a.agent("alpha-2"))).toEqual([w.a.id]);
    expect(await ids(admin)).toEqual(expect.arrayContaining([w.a.id, w.b.id]));
  });

  it.each([
    ["GET", "", undefined],
    ["GET", "/status", undefined],
    ["GET", "/agents/beta-1/context", undefined],
    ["PUT", "/progress", { progress: "P" }],
  ])("another coordination's token gets 403, not 404, for %s of a coordination that does not exist%s", async (method, suffix, body) => {
    const p = `${V1}/${uniqueId("nowhere")}${suffix}`;
    for (const client of [w.b.coordinator, w.b.agent("beta-1")]) {
      expectError(method === "GET" ? await client.get(p) : await client.put(p, body), 403, "forbidden");
    }
  });

  it("within its coordination an allowed caller gets the domain's 404 for a missing thing", async () => {
    expectError(await w.a.coordinator.get(`${V1}/${w.a.id}/agents/nobody/context`), 404, "not_found");
    expectError(await w.a.coordinator.get(`${V1}/${w.a.id}/agents/alpha-1/context/versions/99`), 404, "not_found");
    expectError(await admin.get(`${V1}/${uniqueId("missing")}`), 404, "not_found");
  });

  it.each([
    ["Bearer with nothing after it", "Bearer"],
    ["a token with spaces", "Bearer abc def ghi jkl mno pqr"],
    ["a too short token", "Bearer short"],
    ["a very long token", `Bearer ${"x".repeat(5000)}`],
    ["the admin token in upper case", () => `Bearer ${cluster.token.toUpperCase()}`],
    ["a token one character off", () => `Bearer ${cluster.token.slice(0, -1)}${cluster.token.endsWith("0") ? "1" : "0"}`],
  ])("%s is 401", async (_what, header) => {
    const authorization = typeof header === "function" ? header() : header;
    expectError(await api(url, { authorization }).get(`${V1}/${w.a.id}/status`), 401, "unauthorized");
  });
});

describe("credentials", () => {
  it("creating a coordination returns credentials once: one coordinator token and one per agent, all different", async () => {
    const id = uniqueId("cred");
    const res = await admin.post(V1, teamBody(id, ["one", "two", "three"]));
    expectStatus(res, 201);
    const { credentials } = res.body;
    expect(Object.keys(credentials).sort()).toEqual(["agent_tokens", "coordinator_token"]);
    expect(typeof credentials.coordinator_token).toBe("string");
    expect(Object.keys(credentials.agent_tokens)).toEqual(["one", "two", "three"]);
    const all = [credentials.coordinator_token, ...Object.values(credentials.agent_tokens)] as string[];
    expect(new Set(all).size, `distinct tokens: ${all.join(", ")}`).toBe(4);
    for (const t of all) expect(t.length, t).toBeGreaterThanOrEqual(32);
    // Shown once: no read answers them again.
    const again = JSON.stringify([(await admin.get(`${V1}/${id}`)).body, (await admin.get(`${V1}/${id}/agents/one/context`)).body, (await admin.get(`${V1}?limit=200`)).body]);
    for (const t of all) expect(again.includes(t), `token ${t} appears in a later read`).toBe(false);
    // Each token works for what it is for.
    expectStatus(await withToken(url, credentials.coordinator_token).get(`${V1}/${id}`), 200);
    for (const agent of ["one", "two", "three"]) {
      expectStatus(await withToken(url, credentials.agent_tokens[agent]).get(`${V1}/${id}/agents/${agent}/context`), 200, agent);
    }
  });

  it("re-distribution by the admin token issues new tokens; every old one gets 401, the new ones work", async () => {
    const old = await createTeam(admin, url, { agents: ["keep", "drop"] });
    const res = await admin.post(V1, teamBody(old.id, ["keep", "new"], true));
    expectStatus(res, 201);
    const fresh = res.body.credentials;
    expect(Object.keys(fresh.agent_tokens)).toEqual(["keep", "new"]);
    expect(fresh.coordinator_token).not.toBe(old.credentials.coordinator_token);
    expect(fresh.agent_tokens.keep).not.toBe(old.credentials.agent_tokens.keep);
    expectError(await old.coordinator.get(`${V1}/${old.id}`), 401, "unauthorized");
    expectError(await old.agent("keep").get(`${V1}/${old.id}/agents/keep/context`), 401, "unauthorized");
    expectError(await old.agent("drop").get(`${V1}/${old.id}/status`), 401, "unauthorized");
    expectStatus(await withToken(url, fresh.coordinator_token).get(`${V1}/${old.id}`), 200);
    expectStatus(await withToken(url, fresh.agent_tokens.keep).get(`${V1}/${old.id}/agents/keep/context`), 200);
    expectStatus(await withToken(url, fresh.agent_tokens.new).get(`${V1}/${old.id}/agents/new/view`), 200);
  });

  it("a coordinator re-distributing its own coordination gets new tokens, and its old token stops working", async () => {
    const old = await createTeam(admin, url, { agents: ["w1"] });
    const res = await old.coordinator.post(V1, teamBody(old.id, ["w1", "w2"], true));
    expectStatus(res, 201);
    expectError(await old.coordinator.get(`${V1}/${old.id}`), 401, "unauthorized");
    expectError(await old.agent("w1").get(`${V1}/${old.id}/status`), 401, "unauthorized");
    expectStatus(await withToken(url, res.body.credentials.coordinator_token).get(`${V1}/${old.id}/agents`), 200);
  });

  it("a coordinator token without replace on its own coordination is 403 and changes nothing", async () => {
    const t = await createTeam(admin, url, { agents: ["w1"] });
    const before = (await admin.get(`${V1}/${t.id}`)).body;
    expectError(await t.coordinator.post(V1, teamBody(t.id, ["w9"])), 403, "forbidden");
    expect((await admin.get(`${V1}/${t.id}`)).body).toEqual(before);
    expectStatus(await t.coordinator.get(`${V1}/${t.id}`), 200);
  });
});

describe("tokens are stored only as hashes", () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: cluster.database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  it("after creating a coordination no token appears in any text or JSON column of any table, and access_tokens holds their SHA-256 hex", async () => {
    const id = uniqueId("hash");
    const res = await admin.post(V1, teamBody(id, ["h1", "h2"]));
    expectStatus(res, 201);
    const credentials = res.body.credentials as { coordinator_token: string; agent_tokens: Record<string, string> };
    // Use the tokens too, so that anything a request might store has had its chance.
    await withToken(url, credentials.agent_tokens.h1!).post(`${V1}/${id}/updates`, { update_type: "finding", content: { n: 1 } });
    await withToken(url, credentials.coordinator_token).put(`${V1}/${id}/progress`, { progress: "P" });
    const tokens = [credentials.coordinator_token, ...Object.values(credentials.agent_tokens), cluster.token];

    const columns = (
      await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema()
            AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
                 OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar')))
          ORDER BY table_name, column_name`,
      )
    ).rows;
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
      expect.arrayContaining(["access_tokens.hash", "updates.content", "agent_contexts.context", "coordinations.team_roles"]),
    );
    const found: string[] = [];
    for (const { table_name: t, column_name: c } of columns) {
      for (const token of tokens) {
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE strpos("${c}"::text, $1) > 0`, [token]);
        if (rows[0]!.n > 0) found.push(`${t}.${c} holds ${token}`);
      }
    }
    expect(found, "columns holding a plaintext token").toEqual([]);

    const stored = (
      await client.query<{ hash: string; kind: string; agent_id: string | null }>(
        "SELECT hash, kind, agent_id FROM access_tokens WHERE coordination_id = $1 ORDER BY kind, agent_id",
        [id],
      )
    ).rows;
    const sha = (t: string) => createHash("sha256").update(t, "utf8").digest("hex");
    expect(stored).toEqual([
      { hash: sha(credentials.agent_tokens.h1!), kind: "agent", agent_id: "h1" },
      { hash: sha(credentials.agent_tokens.h2!), kind: "agent", agent_id: "h2" },
      { hash: sha(credentials.coordinator_token), kind: "coordinator", agent_id: null },
    ]);
    const all = (await client.query<{ hash: string }>("SELECT hash FROM access_tokens")).rows;
    expect(all.filter((r) => !/^[0-9a-f]{64}$/.test(r.hash)), "hashes that are not SHA-256 hex").toEqual([]);
  });
});

describe("page sizes are bounded", () => {
  let w: World;
  beforeAll(async () => {
    w = await newWorld();
  });

  it.each([
    ["/api/v1/coordinations", 200],
    ["/api/v1/coordinations/{cid}/updates", 1000],
    ["/api/v1/coordinations/{cid}/agents/{aid}/context/versions", 1000],
    ["/api/v1/coordinations/{cid}/decision-log", 500],
  ])("GET %s takes limit up to %i; one more is 400", async (template, max) => {
    const p = template.replace("{cid}", w.a.id).replace("{aid}", "alpha-1");
    expectStatus(await admin.get(`${p}?limit=${max}`), 200, `limit=${max}:`);
    const over = await admin.get(`${p}?limit=${max + 1}`);
    expectError(over, 400, "validation_error");
    expect(over.body.error.details).toEqual([{ path: "limit", message: `must be at most ${max}` }]);
    expectError(await admin.get(`${p}?limit=1000000000000`), 400, "validation_error");
  });
});

describe("live events take the same tokens", () => {
  let w: World;
  const open: LiveClient[] = [];
  const connect = async (token: string) => {
    const c = await connectClient(url, { token });
    open.push(c);
    return c;
  };
  beforeAll(async () => {
    w = await newWorld();
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });

  it("connecting without a token fails with connect_error unauthorized", async () => {
    await expect(connectClient(url, {})).rejects.toThrow(/could not connect: unauthorized/);
  });

  it("connecting with an unknown token fails with connect_error unauthorized", async () => {
    await expect(connectClient(url, { token: "hdl_a_not-a-token-anyone-was-given-0123456789" })).rejects.toThrow(/could not connect: unauthorized/);
  });

  it("an agent token may subscribe to its own coordination and gets forbidden for another, existing or not", async () => {
    const c = await connect(w.a.credentials.agent_tokens["alpha-1"]!);
    expect(await c.subscribe({ coordination_id: w.a.id })).toMatchObject({ ok: true });
    expect(await c.subscribe({ coordination_id: w.b.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await c.subscribe({ coordination_id: "no-such-coordination" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(c.socket.connected, "the socket stays connected").toBe(true);
  });

  it("a coordinator token gets forbidden for another coordination", async () => {
    const c = await connect(w.b.credentials.coordinator_token);
    expect(await c.subscribe({ coordination_id: w.a.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await c.subscribe({ coordination_id: w.b.id })).toMatchObject({ ok: true });
  });

  it("only the admin token may watch every coordination's changes; coordinator and agent tokens get forbidden", async () => {
    for (const token of [w.a.credentials.coordinator_token, w.a.credentials.agent_tokens["alpha-1"]!]) {
      const c = await connect(token);
      expect(await c.emitWithAck("watch_coordinations")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await (await connect(cluster.token)).emitWithAck("watch_coordinations")).toEqual({ ok: true });
  });

  it(`more than MAX_SUBSCRIPTIONS (${MAX_SUBSCRIPTIONS}) subscriptions on one connection are refused until one is given up`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_SUBSCRIPTIONS + 1; i += 10) {
      const batch = Array.from({ length: Math.min(10, MAX_SUBSCRIPTIONS + 1 - i) }, () => uniqueId("sub"));
      await Promise.all(batch.map(async (id) => expectStatus(await admin.post(V1, teamBody(id, ["w"])), 201, id)));
      ids.push(...batch);
    }
    const c = await connect(cluster.token);
    const acks = await Promise.all(ids.slice(0, MAX_SUBSCRIPTIONS).map((id) => c.subscribe({ coordination_id: id })));
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    const extra = ids[MAX_SUBSCRIPTIONS]!;
    const refused = await c.subscribe({ coordination_id: extra });
    expect(refused).toMatchObject({ ok: false, error: { code: "limit" } });
    // Subscribing again to one it holds restarts it; it does not count twice.
    expect(await c.subscribe({ coordination_id: ids[0] })).toMatchObject({ ok: true });
    await c.unsubscribe(ids[1]!);
    expect(await c.subscribe({ coordination_id: extra })).toMatchObject({ ok: true });
  });
});

describe("a server with HUDDLE_RATE_LIMIT=5 and a short admin token", () => {
  let database: TestDatabase;
  let server: HuddleProcess;
  // Shorter than any token Huddle issues: the operator's choice all the same.
  const token = "short-admin";
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({ databaseUrl: database.url, env: { HUDDLE_ADMIN_TOKEN: token, HUDDLE_RATE_LIMIT: "5" } });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("a burst of 20 requests with one agent token gets 429 rate_limited with Retry-After; the admin token is not limited", async () => {
    const adminClient = withToken(server.url, token);
    const t = await createTeam(adminClient, server.url, { agents: ["w"] });
    const agent = t.agent("w");
    // Warm the route with the (unlimited) admin token, so the burst arrives within the same second.
    expectStatus(await adminClient.get(`${V1}/${t.id}/status`), 200);
    const replies = await Promise.all(Array.from({ length: 20 }, () => agent.get(`${V1}/${t.id}/status`)));
    const limited = replies.filter((r) => r.status === 429);
    expect(
      replies.map((r) => r.status).filter((s) => s !== 200 && s !== 429),
      "statuses other than 200 and 429",
    ).toEqual([]);
    expect(limited.length, `429s among ${replies.map((r) => r.status).join(",")}`).toBeGreaterThanOrEqual(10);
    for (const r of limited) {
      expect(r.body?.error?.code).toBe("rate_limited");
      expect(r.headers.get("retry-after"), "Retry-After").toMatch(/^[1-9]\d*$/);
    }
    const adminReplies = await Promise.all(Array.from({ length: 20 }, () => adminClient.get(`${V1}/${t.id}/status`)));
    expect(adminReplies.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it("an admin token shorter than 16 characters works as a bearer token and on a socket (it was refused as too short: 401)", async () => {
    expectStatus(await withToken(server.url, token).get(V1), 200);
    const c = await connectClient(server.url, { token });
    try {
      expect(c.socket.connected).toBe(true);
    } finally {
      c.close();
    }
    expectError(await withToken(server.url, "short-admiN").get(V1), 401, "unauthorized");
  });
});

describe("the embedded default's first-start admin token", () => {
  let dataDir: string;
  let server: HuddleProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "huddle-admin-token-"));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The server's own environment (Linux): what it was really started with. */
  async function environOf(p: HuddleProcess): Promise<string[]> {
    return (await readFile(`/proc/${p.child.pid}/environ`, "utf8")).split("\0");
  }

  it("is printed once with the sign-in URL, kept in <dataDir>/admin-token (0600) and works; a restart keeps it without printing it", async () => {
    // No HUDDLE_ADMIN_TOKEN from this process either: the server must make its own.
    delete process.env.HUDDLE_ADMIN_TOKEN;
    server = await startServer({ dataDir });
    if (existsSync(`/proc/${server.child.pid}/environ`)) {
      expect((await environOf(server)).filter((v) => v.startsWith("HUDDLE_ADMIN_TOKEN=")), "HUDDLE_ADMIN_TOKEN in the server's env").toEqual([]);
    }
    // The banner follows the "listening" line startServer waits for.
    const first = server;
    const printed = await waitFor("the first start to print the admin token", () =>
      /Admin token \(shown once[^\n]*\n\s+(\S+)\s*\nSign in: (\S+)/.exec(first.output()) ?? undefined,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}; first start's output:\n${first.output()}`);
    });
    const [, adminToken, signIn] = printed;
    expect(signIn).toBe(`${server.url}/sign-in`);
    expect(first.output().split(adminToken!).length - 1, "times the token is printed").toBe(1);

    const file = path.join(dataDir, "admin-token");
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe("600");
    expect((await readFile(file, "utf8")).trim()).toBe(adminToken);
    expectStatus(await withToken(server.url, adminToken!).get(V1), 200, "the printed token:");
    expectError(await withToken(server.url, `${adminToken}x`).get(V1), 401, "unauthorized");

    expect(await server.stop(), "exit code after SIGTERM").toBe(0);
    server = await startServer({ dataDir });
    const restarted = server;
    // A later start says where the token is kept, and nothing more.
    await waitFor("the second start to say where the admin token is", () => restarted.output().includes(`Admin token: in ${file}`)).catch(
      (e: unknown) => {
        throw new Error(`${String(e)}; second start's output:\n${restarted.output()}`);
      },
    );
    const second = restarted.output();
    expect(second.includes(adminToken!), `second start's output prints the token:\n${second}`).toBe(false);
    expect((await readFile(file, "utf8")).trim()).toBe(adminToken);
    expectStatus(await withToken(server.url, adminToken!).get(V1), 200, "the token after a restart:");
  });
});
