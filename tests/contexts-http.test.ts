// Context distribution over HTTP (API.md "Coordinations and contexts", "Conventions",
// "Operations"): a real Huddle process from the production build, first on a fresh Postgres
// database, then on the embedded default (PGlite in a data folder) across a restart. Every bad
// request is answered with a 4xx naming the field, and is followed by a check that nothing changed.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "./support/db";
import {
  DEFAULT_RESOURCE_ALLOCATION,
  SEED_AGENT_IDS,
  SEED_TEAM_ROLES,
  expectedSeedContext,
  seedCodegenBody,
} from "./support/seed-000";
import { api, startServer, type HuddleProcess } from "./support/server";
import { clockPast } from "./support/wait";

const ADMIN_TOKEN = "hdl_admin_contexts-http-test-token-0123456789";
// Clients always send a bearer token (API.md, Access); the rate limit is not what these tests are about.
const SERVER_ENV = { HUDDLE_ADMIN_TOKEN: ADMIN_TOKEN, HUDDLE_RATE_LIMIT: "1000000" };
const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` };

type Client = ReturnType<typeof api>;
type Reply = Awaited<ReturnType<Client["get"]>>;

let counter = 0;
const newId = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

const V1 = "/api/v1/coordinations";

/** Asserts the status, printing the body when it is not the expected one. */
function expectStatus(reply: Reply, status: number): void {
  expect(reply.status, `expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`).toBe(status);
}

/** Asserts an API.md error body: the code, and (for validation errors) the paths named in details. */
function expectError(reply: Reply, status: number, code: string, paths?: string[]): void {
  expectStatus(reply, status);
  expect(reply.body?.error?.code, JSON.stringify(reply.body)).toBe(code);
  expect(typeof reply.body.error.message).toBe("string");
  if (paths) {
    const named = (reply.body.error.details as { path: string }[]).map((d) => d.path);
    expect(named, JSON.stringify(reply.body.error)).toEqual(expect.arrayContaining(paths));
  }
}

function team(coordinationId: string, agents: string[], extra: Record<string, unknown> = {}) {
  return {
    coordination_state: { coordination_id: coordinationId, session_id: `session-${coordinationId}` },
    agent_assignments: Object.fromEntries(agents.map((a) => [a, {}])),
    ...extra,
  };
}

function withoutCreatedAt(context: { coordination_metadata: Record<string, unknown> }) {
  const { created_at: _createdAt, ...metadata } = context.coordination_metadata;
  return { ...context, coordination_metadata: metadata };
}

/**
 * POSTs a body in chunks (no content-length) on a connection of its own. Its own: after a
 * chunked 413 the server answers "keep-alive" but resets the socket, so a pooled client's next
 * request would fail (reported, lib/http/route.ts).
 */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent: false, headers: { "content-type": "application/json", ...AUTH } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    void (async () => {
      for (const chunk of chunks) {
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })();
  });
}

/** One Prometheus sample's value, 0 when absent. */
function sample(metricsText: string, name: string): number {
  const line = metricsText.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

function contextTests(target: () => { client: Client; url: string }) {
  const client = () => target().client;

  async function create(body: unknown): Promise<Reply> {
    const reply = await client().post(V1, body);
    expectStatus(reply, 201);
    return reply;
  }

  /** Every coordination as the list shows it: what "nothing was stored" compares. */
  async function allCoordinations(): Promise<unknown[]> {
    const reply = await client().get(`${V1}?limit=200`);
    expectStatus(reply, 200);
    return reply.body.coordinations as unknown[];
  }

  /** A coordination, its agents, their contexts and histories: what "nothing changed" compares. */
  async function snapshot(cid: string) {
    const coordination = await client().get(`${V1}/${cid}`);
    const agents = await client().get(`${V1}/${cid}/agents`);
    const ids = (agents.body?.agent_ids ?? []) as string[];
    const contexts = await Promise.all(ids.map((a) => client().get(`${V1}/${cid}/agents/${a}/context`)));
    const versions = await Promise.all(ids.map((a) => client().get(`${V1}/${cid}/agents/${a}/context/versions`)));
    return {
      coordination: [coordination.status, coordination.body],
      agents: [agents.status, agents.body],
      contexts: contexts.map((c) => [c.status, c.body]),
      versions: versions.map((v) => [v.status, v.body]),
    };
  }

  describe("distributing (POST /api/v1/coordinations)", () => {
    it("answers 201 with the coordination, every agent's context and the distribution metrics", async () => {
      const cid = newId("codegen-workflow");
      const { body } = await create(seedCodegenBody(cid));
      expect(Object.keys(body).filter((k) => k !== "credentials")).toEqual(["coordination", "contexts", "metrics"]);
      expect(body.coordination).toMatchObject({
        coordination_id: cid,
        session_id: "session-abc123",
        parent_workflow_id: null,
        workflow_type: "code_generation",
        team_roles: SEED_TEAM_ROLES,
        version: 1,
        agent_count: 3,
        mission: "",
        active_blockers: [],
      });
      expect(new Date(body.coordination.created_at as string).toISOString()).toBe(body.coordination.created_at);

      expect(Object.keys(body.contexts)).toEqual([...SEED_AGENT_IDS]);
      for (const agentId of SEED_AGENT_IDS) {
        expect(withoutCreatedAt(body.contexts[agentId]), agentId).toEqual(expectedSeedContext(cid, agentId));
      }

      const m = body.metrics;
      expect(Object.keys(m).sort()).toEqual(["context_size_bytes", "distribution_time_ms", "per_agent_ms"]);
      expect(m.distribution_time_ms).toBeGreaterThan(0);
      expect(m.per_agent_ms).toBeCloseTo(m.distribution_time_ms / 3, 6);
      expect(m.context_size_bytes).toEqual(
        Object.fromEntries(SEED_AGENT_IDS.map((a) => [a, Buffer.byteLength(JSON.stringify(body.contexts[a]))])),
      );
    });

    it("an existing coordination_id is a 409 carrying the current coordination; with replace it redistributes and versions continue", async () => {
      const cid = newId("dup");
      await create(team(cid, ["a", "b"]));
      const before = await snapshot(cid);
      const dup = await client().post(V1, team(cid, ["c"]));
      expectError(dup, 409, "conflict");
      expect(dup.body.current).toMatchObject({ coordination_id: cid, version: 1, agent_count: 2 });
      expect(await snapshot(cid)).toEqual(before);

      const replaced = await create({ ...team(cid, ["b", "c"]), replace: true });
      expect(replaced.body.contexts.b.context_version).toBe(2);
      expect(replaced.body.contexts.c.context_version).toBe(1);
      expect(replaced.body.coordination).toMatchObject({ version: 2, agent_count: 2 });
      expect((await client().get(`${V1}/${cid}/agents`)).body).toEqual({ agent_ids: ["b", "c"] });
      expectError(await client().get(`${V1}/${cid}/agents/a/context`), 404, "not_found");
      const bVersions = await client().get(`${V1}/${cid}/agents/b/context/versions`);
      expect(bVersions.body.versions.map((v: { context_version: number }) => v.context_version)).toEqual([2, 1]);
    });

    it("two concurrent POSTs of one new coordination_id: one 201, the other a 409 carrying the winner", async () => {
      const cid = newId("race");
      const replies = await Promise.all([client().post(V1, team(cid, ["first"])), client().post(V1, team(cid, ["second"]))]);
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
      const won = replies.find((r) => r.status === 201)!;
      const lost = replies.find((r) => r.status === 409)!;
      expect(lost.body.error.code).toBe("conflict");
      expect(lost.body.current).toEqual(won.body.coordination);
      expect((await client().get(`${V1}/${cid}/agents`)).body).toEqual({ agent_ids: Object.keys(won.body.contexts) });
    });

    it("malformed JSON is a 400 naming the body, never a 500, and nothing is stored", async () => {
      const before = await allCoordinations();
      for (const text of ['{"coordination_state": {"coordination_id": "x"', "{'single': 'quotes'}", "not json at all", '{"a":1}}']) {
        expectError(await client().post(V1, text), 400, "validation_error", [""]);
      }
      expect(await allCoordinations()).toEqual(before);
    });

    it("a missing body, or one that is not an object, is a 400 and nothing is stored", async () => {
      const before = await allCoordinations();
      expectError(await client().post(V1), 400, "validation_error");
      expectError(await client().post(V1, "[]"), 400, "validation_error");
      expectError(await client().post(V1, '"a string"'), 400, "validation_error");
      expectError(await client().post(V1, "null"), 400, "validation_error");
      expect(await allCoordinations()).toEqual(before);
    });

    it("wrong types are a 400 whose details name each field, such as coordination_state.session_id, and nothing is stored", async () => {
      const before = await allCoordinations();
      const cid = newId("types");
      const reply = await client().post(V1, {
        coordination_state: { coordination_id: cid, session_id: 123 },
        agent_assignments: { a: { tasks: "not a list", objective: 5 } },
        replace: "yes",
      });
      expectError(reply, 400, "validation_error", [
        "coordination_state.session_id",
        "agent_assignments.a.tasks",
        "agent_assignments.a.objective",
        "replace",
      ]);
      expect(reply.body.error.details).toContainEqual({ path: "coordination_state.session_id", message: "must be a string" });
      expectError(
        await client().post(V1, { coordination_state: { coordination_id: cid }, agent_assignments: { a: {} } }),
        400,
        "validation_error",
        ["coordination_state.session_id"],
      );
      expectError(
        await client().post(V1, { coordination_state: { coordination_id: "has spaces", session_id: "s" }, agent_assignments: { a: {} } }),
        400,
        "validation_error",
        ["coordination_state.coordination_id"],
      );
      expect(await allCoordinations()).toEqual(before);
    });

    it("empty agent_assignments is a 400 naming agent_assignments, and nothing is stored", async () => {
      const before = await allCoordinations();
      expectError(await client().post(V1, team(newId("empty"), [])), 400, "validation_error", ["agent_assignments"]);
      expect(await allCoordinations()).toEqual(before);
    });

    it("unknown fields, at the top or inside, are a 400 naming them, and nothing is stored", async () => {
      const before = await allCoordinations();
      const cid = newId("unknown-fields");
      expectError(await client().post(V1, team(cid, ["a"], { priority: "high" })), 400, "validation_error", ["priority"]);
      expectError(
        await client().post(V1, team(cid, ["a"], { resource_allocations: { a: { gpu_count: 2 } } })),
        400,
        "validation_error",
        ["resource_allocations.a.gpu_count"],
      );
      expectError(
        await client().post(V1, { ...team(cid, ["a"]), agent_assignments: { a: { colour: "blue" } } }),
        400,
        "validation_error",
        ["agent_assignments.a.colour"],
      );
      expect(await allCoordinations()).toEqual(before);
    });

    it("values outside the seed's bounds are a 400 naming the field, and nothing is stored", async () => {
      const before = await allCoordinations();
      const cid = newId("bounds");
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ resource_allocations: { a: { quality_threshold: 1.2 } } }, "resource_allocations.a.quality_threshold"],
        [{ resource_allocations: { a: { max_execution_time_ms: 500 } } }, "resource_allocations.a.max_execution_time_ms"],
        [{ coordination_protocols: { a: { heartbeat_interval_ms: 50 } } }, "coordination_protocols.a.heartbeat_interval_ms"],
        [{ resource_allocations: { nobody: { max_memory_mb: 64 } } }, "resource_allocations.nobody"],
      ];
      for (const [extra, field] of cases) {
        expectError(await client().post(V1, team(cid, ["a"], extra)), 400, "validation_error", [field]);
      }
      expect(await allCoordinations()).toEqual(before);
    });

    it("a body over 1 MiB is a 413, whether its length is declared or it is sent in chunks, and nothing is stored", async () => {
      const before = await allCoordinations();
      const cid = newId("oversize");
      const big = JSON.stringify(team(cid, ["a"], { shared_intelligence: { type_registry: { blob: "x".repeat(1024 * 1024 + 1) } } }));
      expectError(await client().post(V1, big), 413, "payload_too_large");

      // Chunked: no content-length to trust, so the server must count while reading. Only the last
      // chunk crosses the limit, so the whole body is sent before the server can refuse it.
      const chunks = [...Array.from({ length: 32 }, () => " ".repeat(32 * 1024)), big.slice(0, 100)];
      const chunked = await postChunked(`${target().url}${V1}`, chunks);
      expect(chunked.status, chunked.text).toBe(413);
      expect((JSON.parse(chunked.text) as { error: { code: string } }).error.code).toBe("payload_too_large");
      expect(await allCoordinations()).toEqual(before);
    });

    it("a NUL character in a value stored as text is a 400 naming the field, not a 500, and nothing is stored", async () => {
      const before = await allCoordinations();
      const cid = newId("nul");
      expectError(
        await client().post(V1, { ...team(cid, ["a"]), coordination_state: { coordination_id: cid, session_id: "s\u0000" } }),
        400,
        "validation_error",
        ["coordination_state.session_id"],
      );
      expectError(
        await client().post(V1, { ...team(cid, ["a"]), agent_assignments: { a: {}, b: { agent_role: "lead\u0000" } } }),
        400,
        "validation_error",
        ["agent_assignments.b.agent_role"],
      );
      expect(await allCoordinations()).toEqual(before);
    });

    it("JSON nested deeper than the limit is a 400 naming where, not a 500, and nothing is stored", async () => {
      const before = await allCoordinations();
      const cid = newId("deep");
      for (const depth of [200, 50_000]) {
        const text = `{"coordination_state":{"coordination_id":"${cid}","session_id":"s"},"agent_assignments":{"a":{"input_data":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}}}`;
        const reply = await client().post(V1, text);
        expectError(reply, 400, "validation_error");
        expect(reply.body.error.details[0].path).toMatch(/^agent_assignments\.a\.input_data\.x\.0\.0/);
      }
      expect(await allCoordinations()).toEqual(before);
    });

    it("an agent or team role named __proto__ is a 400 naming it, instead of vanishing from a 201", async () => {
      const before = await allCoordinations();
      const cid = newId("proto");
      const state = `"coordination_state":{"coordination_id":"${cid}","session_id":"s"}`;
      expectError(await client().post(V1, `{${state},"agent_assignments":{"a":{},"__proto__":{"objective":"lost"}}}`), 400, "validation_error", [
        "agent_assignments.__proto__",
      ]);
      expectError(await client().post(V1, `{${state},"agent_assignments":{"a":{}},"team_roles":{"__proto__":"Lead"}}`), 400, "validation_error", [
        "team_roles.__proto__",
      ]);
      expectError(
        await client().post(V1, `{${state},"agent_assignments":{"a":{}},"resource_allocations":{"constructor":{"max_memory_mb":64}}}`),
        400,
        "validation_error",
        ["resource_allocations.constructor"],
      );
      expect(await allCoordinations()).toEqual(before);
    });
  });

  describe("reading", () => {
    it("GET /coordinations lists newest activity first and pages with limit and cursor", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { body } = await create(team(newId(`list-${i}`), ["a"]));
        ids.push(body.coordination.coordination_id as string);
        await clockPast(new Date(body.coordination.last_activity_at as string));
      }
      // Activity on the oldest moves it to the front.
      const touched = await client().patch(`${V1}/${ids[0]}/shared-intelligence`, { update_type: "type_registry", update_data: { T: "int" } });
      expectStatus(touched, 200);
      const expectedOrder = [ids[0], ids[4], ids[3], ids[2], ids[1]];

      const whole = await client().get(`${V1}?limit=200`);
      expectStatus(whole, 200);
      expect(whole.body.next_cursor).toBeNull();
      const all = (whole.body.coordinations as { coordination_id: string; last_activity_at: string }[]);
      expect(all.slice(0, 5).map((c) => c.coordination_id)).toEqual(expectedOrder);
      const times = all.map((c) => Date.parse(c.last_activity_at));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const reply: Reply = await client().get(`${V1}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expectStatus(reply, 200);
        expect(reply.body.coordinations.length).toBeLessThanOrEqual(2);
        paged.push(...reply.body.coordinations.map((c: { coordination_id: string }) => c.coordination_id));
        cursor = reply.body.next_cursor as string | null;
        pages++;
      } while (cursor && pages < 100);
      expect(paged).toEqual(all.map((c) => c.coordination_id));
    });

    it("GET /coordinations with a bad cursor, limit or unknown parameter is a 400 naming it", async () => {
      expectError(await client().get(`${V1}?cursor=not-a-cursor`), 400, "validation_error", ["cursor"]);
      expectError(await client().get(`${V1}?limit=0`), 400, "validation_error", ["limit"]);
      expectError(await client().get(`${V1}?limit=201`), 400, "validation_error", ["limit"]);
      expectError(await client().get(`${V1}?limit=ten`), 400, "validation_error", ["limit"]);
      expectError(await client().get(`${V1}?sort=asc`), 400, "validation_error", ["sort"]);
    });

    it("GET /coordinations/{cid} returns the coordination with its version; an unknown one is a 404", async () => {
      const cid = newId("one");
      const created = await create(seedCodegenBody(cid));
      const reply = await client().get(`${V1}/${cid}`);
      expectStatus(reply, 200);
      expect(reply.body).toEqual(created.body.coordination);
      expectError(await client().get(`${V1}/no-such-coordination`), 404, "not_found");
      expectError(await client().get(`${V1}/bad%20id`), 400, "validation_error", ["cid"]);
    });

    it("GET .../agents lists agent ids in distribution order; an unknown coordination is a 404", async () => {
      const cid = newId("agents");
      await create(team(cid, ["zeta", "alpha", "mid", "Beta"]));
      const reply = await client().get(`${V1}/${cid}/agents`);
      expectStatus(reply, 200);
      expect(reply.body).toEqual({ agent_ids: ["zeta", "alpha", "mid", "Beta"] });
      expectError(await client().get(`${V1}/no-such-coordination/agents`), 404, "not_found");
    });

    it('GET .../context returns the context with ETag "<context_version>"; If-None-Match with it gives 304, a stale one 200', async () => {
      const cid = newId("etag");
      const created = await create(seedCodegenBody(cid));
      const path1 = `${V1}/${cid}/agents/model_generator/context`;
      const first = await client().get(path1);
      expectStatus(first, 200);
      expect(first.body).toEqual(created.body.contexts.model_generator);
      expect(first.headers.get("etag")).toBe('"1"');

      const notModified = await client().get(path1, { "if-none-match": '"1"' });
      expectStatus(notModified, 304);
      expect(notModified.body).toBeUndefined();
      expect(notModified.headers.get("etag")).toBe('"1"');

      expectStatus(await client().patch(`${V1}/${cid}/shared-intelligence`, { update_type: "type_registry", update_data: { New: "x" } }), 200);
      const changed = await client().get(path1, { "if-none-match": '"1"' });
      expectStatus(changed, 200);
      expect(changed.headers.get("etag")).toBe('"2"');
      expect(changed.body.shared_intelligence.type_registry.New).toBe("x");

      expectError(await client().get(`${V1}/${cid}/agents/nobody/context`), 404, "not_found");
      expectError(await client().get(`${V1}/no-such-coordination/agents/model_generator/context`), 404, "not_found");
    });

    it("GET .../context/versions lists every version newest first, and .../versions/{n} one of them", async () => {
      const cid = newId("versions");
      const created = await create(team(cid, ["a"]));
      expectStatus(await client().patch(`${V1}/${cid}/shared-intelligence`, { update_type: "type_registry", update_data: { A: "int" } }), 200);
      expectStatus(
        await client().patch(`${V1}/${cid}/shared-intelligence`, { update_type: "type_registry", update_data: { B: "int" }, increment_version: false }),
        200,
      );
      expectStatus(await client().put(`${V1}/${cid}/agents/a/resource-allocation`, { resource_allocation: { max_memory_mb: 256 } }), 200);

      const list = await client().get(`${V1}/${cid}/agents/a/context/versions`);
      expectStatus(list, 200);
      type V = { context_version: number; revision: number; reason: string; size_bytes: number; created_at: string; context: { context_version: number } };
      const versions = list.body.versions as V[];
      expect(versions.map((v) => [v.context_version, v.revision, v.reason])).toEqual([
        [3, 4, "resources"],
        [2, 3, "shared_intelligence"],
        [2, 2, "shared_intelligence"],
        [1, 1, "distributed"],
      ]);
      expect(list.body.next_before_revision).toBeNull();
      expect(versions[3]!.context).toEqual(created.body.contexts.a);
      for (const v of versions) {
        expect(v.context.context_version).toBe(v.context_version);
        expect(v.size_bytes).toBe(Buffer.byteLength(JSON.stringify(v.context)));
      }

      const page = await client().get(`${V1}/${cid}/agents/a/context/versions?limit=2`);
      expect(page.body.versions.map((v: V) => v.revision)).toEqual([4, 3]);
      const rest = await client().get(`${V1}/${cid}/agents/a/context/versions?limit=2&before_revision=${page.body.next_before_revision}`);
      expect(rest.body.versions.map((v: V) => v.revision)).toEqual([2, 1]);

      const two = await client().get(`${V1}/${cid}/agents/a/context/versions/2`);
      expectStatus(two, 200);
      // Version 2 as the agent last saw it: its newest revision.
      expect(two.body).toEqual(versions[1]);
      expectError(await client().get(`${V1}/${cid}/agents/a/context/versions/9`), 404, "not_found");
      expectError(await client().get(`${V1}/${cid}/agents/a/context/versions/two`), 400, "validation_error", ["n"]);
      expectError(await client().get(`${V1}/${cid}/agents/a/context/versions/0`), 400, "validation_error", ["n"]);
      // Beyond what a version number can be: a 400, not a database error.
      expectError(await client().get(`${V1}/${cid}/agents/a/context/versions/99999999999`), 400, "validation_error", ["n"]);
      expectError(await client().get(`${V1}/${cid}/agents/a/context/versions?before_revision=99999999999`), 400, "validation_error", [
        "before_revision",
      ]);
      expectError(await client().get(`${V1}/${cid}/agents/nobody/context/versions`), 404, "not_found");
    });
  });

  describe("changing", () => {
    it("PATCH .../shared-intelligence answers 200 with results per target, merging shallowly", async () => {
      const cid = newId("shared");
      await create(seedCodegenBody(cid));
      const all = await client().patch(`${V1}/${cid}/shared-intelligence`, {
        update_type: "type_registry",
        update_data: { NewType: "CustomClass", Email: "EmailStr" },
        target_agents: null,
        increment_version: true,
      });
      expectStatus(all, 200);
      expect(all.body).toEqual({ results: { model_generator: true, validator_generator: true, test_generator: true } });

      const some = await client().patch(`${V1}/${cid}/shared-intelligence`, {
        update_type: "pattern_library",
        update_data: { caching: ["redis_cache", "memory_cache"], validation: ["strict"] },
        target_agents: ["model_generator", "ghost"],
      });
      expectStatus(some, 200);
      expect(some.body).toEqual({ results: { model_generator: true, ghost: false } });

      const model = (await client().get(`${V1}/${cid}/agents/model_generator/context`)).body;
      expect(model.context_version).toBe(3);
      expect(model.shared_intelligence.type_registry).toEqual({ UserId: "str", Email: "EmailStr", Timestamp: "datetime", NewType: "CustomClass" });
      expect(model.shared_intelligence.pattern_library).toEqual({ validation: ["strict"], caching: ["redis_cache", "memory_cache"] });
      const tester = (await client().get(`${V1}/${cid}/agents/test_generator/context`)).body;
      expect(tester.context_version).toBe(2);
      expect(tester.shared_intelligence.pattern_library).toEqual({ validation: ["email_validator", "url_validator"] });
      expect((await client().get(`${V1}/${cid}`)).body.version).toBe(3);
    });

    it("PATCH .../shared-intelligence of an unknown coordination is a 404", async () => {
      const before = await allCoordinations();
      expectError(
        await client().patch(`${V1}/no-such-coordination/shared-intelligence`, { update_type: "type_registry", update_data: { T: "int" } }),
        404,
        "not_found",
      );
      expect(await allCoordinations()).toEqual(before);
    });

    it("PATCH .../shared-intelligence with a bad update_type, a wrong-shaped value or a __proto__ key is a 400 naming the field, and nothing changes", async () => {
      const cid = newId("shared-invalid");
      await create(seedCodegenBody(cid));
      const before = await snapshot(cid);
      const url = `${V1}/${cid}/shared-intelligence`;
      expectError(await client().patch(url, { update_type: "secret_sauce", update_data: {} }), 400, "validation_error", ["update_type"]);
      const wrongShape = await client().patch(url, { update_type: "naming_conventions", update_data: { class: 42 } });
      expectError(wrongShape, 400, "validation_error", ["update_data.class"]);
      expectError(await client().patch(url, { update_type: "dependency_graph", update_data: { a: "b" } }), 400, "validation_error", ["update_data.a"]);
      expectError(await client().patch(url, { update_type: "type_registry", update_data: [] }), 400, "validation_error", ["update_data"]);
      expectError(await client().patch(url, { update_type: "type_registry", update_data: {}, increment_version: "no" }), 400, "validation_error", [
        "increment_version",
      ]);
      expectError(await client().patch(url, '{"update_type":"type_registry","update_data":{"__proto__":{"a":1}}}'), 400, "validation_error", [
        "update_data.__proto__",
      ]);
      expectError(await client().patch(url, "{not json"), 400, "validation_error");
      expect(await snapshot(cid)).toEqual(before);
    });

    it("50 concurrent PATCH increments on one agent end exactly 50 versions higher", async () => {
      const cid = newId("shared-50");
      await create(team(cid, ["hot", "cold"]));
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          client().patch(`${V1}/${cid}/shared-intelligence`, { update_type: "type_registry", update_data: { [`T${i}`]: i }, target_agents: ["hot"] }),
        ),
      );
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const hot = await client().get(`${V1}/${cid}/agents/hot/context`);
      expect(hot.headers.get("etag")).toBe('"51"');
      expect(Object.keys(hot.body.shared_intelligence.type_registry)).toHaveLength(50);
      const versions = await client().get(`${V1}/${cid}/agents/hot/context/versions?limit=1000`);
      expect(versions.body.versions).toHaveLength(51);
      expect((await client().get(`${V1}/${cid}`)).body.version).toBe(51);
    });

    it("PUT .../resource-allocation answers the new context at version + 1, merged over the current allocation", async () => {
      const cid = newId("resources");
      await create(seedCodegenBody(cid));
      const reply = await client().put(`${V1}/${cid}/agents/validator_generator/resource-allocation`, {
        resource_allocation: { max_memory_mb: 2048, concurrency_limit: 4 },
        expected_version: 1,
      });
      expectStatus(reply, 200);
      expect(reply.headers.get("etag")).toBe('"2"');
      expect(reply.body.context_version).toBe(2);
      expect(reply.body.resource_allocation).toEqual({
        ...DEFAULT_RESOURCE_ALLOCATION,
        max_execution_time_ms: 90_000,
        max_retry_attempts: 3,
        quality_threshold: 0.9,
        max_memory_mb: 2048,
        concurrency_limit: 4,
      });
      expect((await client().get(`${V1}/${cid}/agents/validator_generator/context`)).body).toEqual(reply.body);
    });

    it("PUT .../resource-allocation with a stale expected_version is a 409 with the current context, and nothing changes", async () => {
      const cid = newId("resources-stale");
      await create(team(cid, ["a"]));
      const current = await client().put(`${V1}/${cid}/agents/a/resource-allocation`, { resource_allocation: { timeout_ms: 1000 } });
      expectStatus(current, 200);
      const before = await snapshot(cid);
      const stale = await client().put(`${V1}/${cid}/agents/a/resource-allocation`, {
        resource_allocation: { timeout_ms: 2000 },
        expected_version: 1,
      });
      expectError(stale, 409, "conflict");
      expect(stale.body.current).toEqual(current.body);
      expect(await snapshot(cid)).toEqual(before);
    });

    it("PUT .../resource-allocation with a value out of bounds is a 400 naming it, e.g. resource_allocation.quality_threshold, and nothing changes", async () => {
      const cid = newId("resources-bounds");
      await create(team(cid, ["a"]));
      const before = await snapshot(cid);
      const url = `${V1}/${cid}/agents/a/resource-allocation`;
      expectError(await client().put(url, { resource_allocation: { quality_threshold: 1.5 } }), 400, "validation_error", [
        "resource_allocation.quality_threshold",
      ]);
      expectError(await client().put(url, { resource_allocation: { max_execution_time_ms: 10 } }), 400, "validation_error", [
        "resource_allocation.max_execution_time_ms",
      ]);
      expectError(await client().put(url, { resource_allocation: { max_memory_mb: "lots" } }), 400, "validation_error", [
        "resource_allocation.max_memory_mb",
      ]);
      expectError(await client().put(url, { resource_allocation: {}, expected_version: 0 }), 400, "validation_error", ["expected_version"]);
      expectError(await client().put(url, { expected_version: 1 }), 400, "validation_error", ["resource_allocation"]);
      expectError(await client().put(url, "{"), 400, "validation_error");
      expectError(await client().put(`${V1}/${cid}/agents/nobody/resource-allocation`, { resource_allocation: {} }), 404, "not_found");
      expectError(await client().put(`${V1}/no-such-coordination/agents/a/resource-allocation`, { resource_allocation: {} }), 404, "not_found");
      expect(await snapshot(cid)).toEqual(before);
    });

    it("DELETE .../contexts answers cleared true, then false; the coordination stays; an unknown one is a 404", async () => {
      const cid = newId("clear");
      await create(team(cid, ["a", "b"]));
      const first = await client().delete(`${V1}/${cid}/contexts`);
      expectStatus(first, 200);
      expect(first.body).toEqual({ cleared: true });
      const second = await client().delete(`${V1}/${cid}/contexts`);
      expectStatus(second, 200);
      expect(second.body).toEqual({ cleared: false });

      const coordination = await client().get(`${V1}/${cid}`);
      expectStatus(coordination, 200);
      expect(coordination.body).toMatchObject({ coordination_id: cid, agent_count: 0, version: 2 });
      expect((await client().get(`${V1}/${cid}/agents`)).body).toEqual({ agent_ids: [] });
      expectError(await client().get(`${V1}/${cid}/agents/a/context`), 404, "not_found");
      // History stays readable after a clear.
      expectStatus(await client().get(`${V1}/${cid}/agents/a/context/versions`), 200);
      expectError(await client().delete(`${V1}/no-such-coordination/contexts`), 404, "not_found");
    });
  });

  describe("operations", () => {
    it('GET /api/health answers {"status":"ok","database":"ok"}', async () => {
      const reply = await client().get("/api/health");
      expectStatus(reply, 200);
      expect(reply.body).toEqual({ status: "ok", database: "ok" });
    });

    it("GET /api/metrics counts each distribution's time, its per-agent time and each context's size", async () => {
      const before = await client().get("/api/metrics");
      expectStatus(before, 200);
      const text0 = before.body as string;
      await create(team(newId("metrics"), ["a", "b", "c", "d"]));
      const after = await client().get("/api/metrics");
      const text1 = after.body as string;
      for (const name of ["huddle_context_distribution_time_ms", "huddle_context_distribution_per_agent_ms", "huddle_context_size_bytes"]) {
        expect(text1, `${name} in /api/metrics`).toContain(`# TYPE ${name} histogram`);
      }
      expect(sample(text1, "huddle_context_distribution_time_ms_count") - sample(text0, "huddle_context_distribution_time_ms_count")).toBe(1);
      expect(sample(text1, "huddle_context_distribution_per_agent_ms_count") - sample(text0, "huddle_context_distribution_per_agent_ms_count")).toBe(1);
      expect(sample(text1, "huddle_context_size_bytes_count") - sample(text0, "huddle_context_size_bytes_count")).toBe(4);
    });
  });
}

describe("context API over HTTP on Postgres", () => {
  let db: FreshDatabase | undefined;
  let server: HuddleProcess | undefined;
  let client: Client;

  beforeAll(async () => {
    db = await freshDatabase("postgres");
    server = await startServer({ databaseUrl: db.url, env: SERVER_ENV });
    client = api(server.url, AUTH);
  });

  afterAll(async () => {
    const code = await server?.stop();
    await db?.dispose();
    expect(code, server?.output()).toBe(0);
  });

  contextTests(() => ({ client, url: server!.url }));
});

describe("context API on the embedded default (PGlite in a data folder)", () => {
  let dataDir: string;
  let server: HuddleProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "huddle-contexts-"));
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves distribution and updates, and everything survives a SIGTERM restart on the same folder", async () => {
    server = await startServer({ dataDir, env: SERVER_ENV });
    let client = api(server.url, AUTH);
    expect((await client.get("/api/health")).body).toEqual({ status: "ok", database: "ok" });

    const cid = newId("embedded");
    const created = await client.post(V1, seedCodegenBody(cid));
    expectStatus(created, 201);
    expectStatus(await client.patch(`${V1}/${cid}/shared-intelligence`, { update_type: "type_registry", update_data: { Saved: "yes" } }), 200);
    const before = {
      coordination: (await client.get(`${V1}/${cid}`)).body,
      agents: (await client.get(`${V1}/${cid}/agents`)).body,
      context: (await client.get(`${V1}/${cid}/agents/model_generator/context`)).body,
      versions: (await client.get(`${V1}/${cid}/agents/model_generator/context/versions`)).body,
    };
    expect(before.coordination.version).toBe(2);

    const code = await server.stop();
    expect(code, server.output()).toBe(0);
    server = await startServer({ dataDir, env: SERVER_ENV });
    client = api(server.url, AUTH);

    expect({
      coordination: (await client.get(`${V1}/${cid}`)).body,
      agents: (await client.get(`${V1}/${cid}/agents`)).body,
      context: (await client.get(`${V1}/${cid}/agents/model_generator/context`)).body,
      versions: (await client.get(`${V1}/${cid}/agents/model_generator/context/versions`)).body,
    }).toEqual(before);
    expect(before.context.shared_intelligence.type_registry.Saved).toBe("yes");

    // And it carries on where it stopped.
    const next = await client.put(`${V1}/${cid}/agents/model_generator/resource-allocation`, {
      resource_allocation: { max_retry_attempts: 1 },
      expected_version: 2,
    });
    expectStatus(next, 200);
    expect(next.body.context_version).toBe(3);
    expect((await client.get(`${V1}/${cid}`)).body.version).toBe(3);
  });
});
