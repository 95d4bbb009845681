// Context distribution (seed 000, API.md "Coordinations and contexts") at the domain level, on
// Postgres and on PGlite: distributing, reading, listing, shared-intelligence updates, resource
// allocations, version history, clearing, replacing, the coordination's version, concurrency
// and all-or-nothing writes. Inputs go through the same zod schemas the HTTP routes use.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  clearCoordinationContexts,
  distributeContexts,
  getAgentContext,
  getContextVersion,
  listAgents,
  listContextVersions,
  updateResourceAllocation,
  updateSharedIntelligence,
  type ContextVersionRecord,
} from "../lib/domain/contexts";
import { getCoordination, listCoordinations } from "../lib/domain/coordinations";
import { HuddleError, validationError, type FieldIssue } from "../lib/domain/errors";
import {
  CreateCoordinationBody,
  MAX_JSON_DEPTH,
  ResourceAllocationUpdateBody,
  SharedIntelligenceUpdateBody,
  type AgentContext,
} from "../lib/schemas/contexts";
import { DB_KINDS, useDatabase } from "./support/db";
import {
  DEFAULT_COORDINATION_PROTOCOLS,
  DEFAULT_RESOURCE_ALLOCATION,
  SEED_AGENT_IDS,
  SEED_TEAM_ROLES,
  expectedSeedContext,
  seedCodegenBody,
} from "./support/seed-000";

let counter = 0;
const newId = (prefix: string) => `${prefix}-${++counter}-${randomBytes(3).toString("hex")}`;

/** A request body through the route's schema, then the domain: what POST /coordinations does. */
function distribute(body: unknown) {
  return distributeContexts(CreateCoordinationBody.parse(body));
}

function team(coordinationId: string, agents: string[] | Record<string, object>, extra: Record<string, unknown> = {}) {
  const assignments = Array.isArray(agents) ? Object.fromEntries(agents.map((a) => [a, {}])) : agents;
  return {
    coordination_state: { coordination_id: coordinationId, session_id: `session-${coordinationId}` },
    agent_assignments: assignments,
    ...extra,
  };
}

/** A shared-intelligence update request through the route's schema, then the domain. */
function updateShared(coordinationId: string, body: Record<string, unknown>) {
  const b = SharedIntelligenceUpdateBody.parse(body);
  return updateSharedIntelligence({
    coordinationId,
    updateType: b.update_type,
    updateData: b.update_data,
    targetAgents: b.target_agents,
    incrementVersion: b.increment_version,
  });
}

function updateResources(coordinationId: string, agentId: string, body: Record<string, unknown>) {
  return updateResourceAllocation({ coordinationId, agentId, ...ResourceAllocationUpdateBody.parse(body) });
}

/** Runs `fn`, expecting a HuddleError with `code`; returns it. */
async function expectHuddleError(fn: () => Promise<unknown>, code: string): Promise<HuddleError> {
  let thrown: unknown;
  try {
    await fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected a HuddleError '${code}', got ${String(thrown)}`).toBeInstanceOf(HuddleError);
  expect((thrown as HuddleError).code, (thrown as Error).message).toBe(code);
  return thrown as HuddleError;
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text.length > 500 ? `${text.slice(0, 500)}...` : text;
  } catch {
    return "(a value too deep to print)";
  }
}

/** What a schema says about a bad body, as API.md's `details`. */
function schemaIssues(schema: z.ZodType, body: unknown): FieldIssue[] {
  const r = schema.safeParse(body);
  if (r.success) expect.fail(`expected the schema to reject ${preview(body)}`);
  return validationError(r.error).extra.details ?? [];
}

function withoutCreatedAt(context: AgentContext) {
  const { created_at: _createdAt, ...metadata } = context.coordination_metadata;
  return { ...context, coordination_metadata: metadata };
}

async function history(coordinationId: string, agentId: string): Promise<ContextVersionRecord[]> {
  return (await listContextVersions(coordinationId, agentId, { limit: 1000 })).versions;
}

async function allCoordinationIds(): Promise<string[]> {
  return (await listCoordinations({ limit: 200 })).coordinations.map((c) => c.id).sort();
}

/** Everything a coordination has: what "nothing changed" compares. */
async function snapshot(coordinationId: string) {
  const coordination = await getCoordination(coordinationId);
  const agents = await listAgents(coordinationId);
  const contexts = await Promise.all(agents.map((a) => getAgentContext(coordinationId, a)));
  const histories = await Promise.all(agents.map((a) => history(coordinationId, a)));
  return { coordination, agents, contexts, histories };
}

describe.each(DB_KINDS)("context distribution on %s", (kind) => {
  useDatabase(kind);

  describe("distributing", () => {
    it("the seed's code-generation example gives each agent metadata, shared intelligence, its assignment, merged protocols and resources, at version 1", async () => {
      const cid = newId("codegen-workflow");
      const before = Date.now();
      const d = await distribute(seedCodegenBody(cid));

      expect(Object.keys(d.contexts)).toEqual([...SEED_AGENT_IDS]);
      for (const agentId of SEED_AGENT_IDS) {
        const context = d.contexts[agentId]!;
        expect(withoutCreatedAt(context), agentId).toEqual(expectedSeedContext(cid, agentId));
        const createdAt = Date.parse(context.coordination_metadata.created_at);
        expect(context.coordination_metadata.created_at).toBe(new Date(createdAt).toISOString());
        expect(createdAt).toBeGreaterThanOrEqual(before - 1000);
        expect(createdAt).toBeLessThanOrEqual(Date.now() + 1000);
      }
      // validator_generator named no protocols: all defaults; the others' partial ones are merged.
      expect(d.contexts.validator_generator!.coordination_protocols).toEqual(DEFAULT_COORDINATION_PROTOCOLS);
      expect(d.contexts.model_generator!.coordination_protocols.update_interval_ms).toBe(2000);
      expect(d.contexts.model_generator!.coordination_protocols.heartbeat_interval_ms).toBe(10_000);
      expect(d.contexts.test_generator!.resource_allocation).toEqual({
        ...DEFAULT_RESOURCE_ALLOCATION,
        max_execution_time_ms: 60_000,
        max_retry_attempts: 2,
        quality_threshold: 0.85,
      });

      expect(d.coordination).toMatchObject({
        id: cid,
        sessionId: "session-abc123",
        parentWorkflowId: null,
        workflowType: "code_generation",
        teamRoles: SEED_TEAM_ROLES,
        version: 1,
        agentCount: 3,
      });
      expect(d.metrics.distributionTimeMs).toBeGreaterThan(0);
      expect(d.metrics.perAgentMs).toBeCloseTo(d.metrics.distributionTimeMs / 3, 6);
      expect(d.metrics.contextSizeBytes).toEqual(
        Object.fromEntries(SEED_AGENT_IDS.map((a) => [a, Buffer.byteLength(JSON.stringify(d.contexts[a]))])),
      );
    });

    it("an assignment without agent_role, objective or tasks gets the agent id as its role, an empty objective and no tasks", async () => {
      const cid = newId("defaults");
      const d = await distribute(team(cid, { worker_7: {}, scout: { objective: "look around" } }));
      const worker = await getAgentContext(cid, "worker_7");
      expect(worker.agentRole).toBe("worker_7");
      expect(worker.context.coordination_metadata.agent_role).toBe("worker_7");
      expect(worker.context.agent_assignment).toEqual({
        objective: "",
        tasks: [],
        input_data: {},
        dependencies: [],
        output_requirements: {},
        success_criteria: {},
      });
      expect(worker.context.shared_intelligence).toEqual({
        type_registry: {},
        pattern_library: {},
        validation_rules: {},
        naming_conventions: {},
        dependency_graph: {},
      });
      expect(worker.context.resource_allocation).toEqual(DEFAULT_RESOURCE_ALLOCATION);
      expect(worker.context.coordination_protocols).toEqual(DEFAULT_COORDINATION_PROTOCOLS);
      expect(worker.context).toEqual(d.contexts.worker_7);
      expect(d.contexts.scout!.agent_assignment.objective).toBe("look around");
      expect(d.contexts.scout!.coordination_metadata.agent_role).toBe("scout");
    });

    it("listAgents gives the agents in the order they were distributed, not sorted", async () => {
      const cid = newId("order");
      const order = ["zeta", "alpha", "mid-1", "Beta", "alpha.2"];
      await distribute(team(cid, order));
      expect(await listAgents(cid)).toEqual(order);
    });

    it("getAgentContext returns exactly the context the distribution returned, with its version and size", async () => {
      const cid = newId("get");
      const d = await distribute(seedCodegenBody(cid));
      for (const agentId of SEED_AGENT_IDS) {
        const record = await getAgentContext(cid, agentId);
        expect(record.context).toEqual(d.contexts[agentId]);
        expect(record).toMatchObject({ agentId, agentRole: agentId, contextVersion: 1, revision: 1 });
        expect(record.sizeBytes).toBe(d.metrics.contextSizeBytes[agentId]);
      }
    });

    it("reading an unknown agent or coordination is not_found", async () => {
      const cid = newId("missing");
      await distribute(team(cid, ["a"]));
      await expectHuddleError(() => getAgentContext(cid, "nobody"), "not_found");
      await expectHuddleError(() => getAgentContext("no-such-coordination", "a"), "not_found");
      await expectHuddleError(() => listAgents("no-such-coordination"), "not_found");
      await expectHuddleError(() => getCoordination("no-such-coordination"), "not_found");
      await expectHuddleError(() => listContextVersions(cid, "nobody", { limit: 10 }), "not_found");
    });

    it("distributing to an existing coordination_id without replace is a conflict carrying the current coordination, and changes nothing", async () => {
      const cid = newId("dup");
      await distribute(team(cid, ["a", "b"]));
      const before = await snapshot(cid);
      const err = await expectHuddleError(() => distribute(team(cid, ["c"])), "conflict");
      expect(err.extra.current).toMatchObject({ coordination_id: cid, version: 1, agent_count: 2 });
      expect(await snapshot(cid)).toEqual(before);
    });

    it("50 agents are distributed in one call, each with its own context, in order", async () => {
      const cid = newId("fifty");
      const agents = Array.from({ length: 50 }, (_, i) => `agent-${String(49 - i).padStart(2, "0")}`);
      const d = await distribute(
        team(cid, Object.fromEntries(agents.map((a, i) => [a, { objective: `objective ${i}`, tasks: [`task-${i}`] }])), {
          resource_allocations: { "agent-07": { max_memory_mb: 2048 } },
        }),
      );
      expect(Object.keys(d.contexts)).toEqual(agents);
      expect(Object.keys(d.metrics.contextSizeBytes)).toEqual(agents);
      expect(d.coordination.agentCount).toBe(50);
      expect(d.metrics.perAgentMs).toBeCloseTo(d.metrics.distributionTimeMs / 50, 6);
      expect(await listAgents(cid)).toEqual(agents);
      const stored = await Promise.all(agents.map((a) => getAgentContext(cid, a)));
      stored.forEach((record, i) => {
        expect(record.agentId).toBe(agents[i]);
        expect(record.context.agent_assignment).toMatchObject({ objective: `objective ${i}`, tasks: [`task-${i}`] });
        expect(record.context.resource_allocation.max_memory_mb).toBe(agents[i] === "agent-07" ? 2048 : 512);
        expect(record.contextVersion).toBe(1);
      });
    });

    it("10 coordinations created concurrently all succeed and are all stored with their agents", async () => {
      const ids = Array.from({ length: 10 }, (_, i) => newId(`concurrent-${i}`));
      const results = await Promise.allSettled(ids.map((cid) => distribute(team(cid, ["lead", "worker-1", "worker-2"]))));
      const failures = results.flatMap((r, i) => (r.status === "rejected" ? [`${ids[i]}: ${String(r.reason)}`] : []));
      expect(failures).toEqual([]);
      const stored = await allCoordinationIds();
      expect(stored).toEqual(expect.arrayContaining(ids));
      for (const cid of ids) {
        expect(await listAgents(cid)).toEqual(["lead", "worker-1", "worker-2"]);
        expect((await getCoordination(cid)).version).toBe(1);
      }
    });

    it("two concurrent distributions of one new coordination_id: one succeeds, the other is a conflict", async () => {
      const cid = newId("race");
      const results = await Promise.allSettled([distribute(team(cid, ["first"])), distribute(team(cid, ["second"]))]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toBeInstanceOf(HuddleError);
      expect((failed[0] as HuddleError).code).toBe("conflict");
      // Whichever way the loser found out (the row lock or the unique index), it is told what won.
      expect((failed[0] as HuddleError).extra.current).toMatchObject({ coordination_id: cid, version: 1, agent_count: 1 });
      const agents = await listAgents(cid);
      expect([["first"], ["second"]]).toContainEqual(agents);
      expect((await getCoordination(cid)).version).toBe(1);
    });

    it("a body with a missing session_id, no agents or an out-of-bounds value is rejected naming the field, and nothing is stored", async () => {
      const before = await allCoordinationIds();
      const cid = newId("invalid");
      expect(schemaIssues(CreateCoordinationBody, { coordination_state: { coordination_id: cid }, agent_assignments: { a: {} } })).toEqual([
        { path: "coordination_state.session_id", message: "is required" },
      ]);
      expect(schemaIssues(CreateCoordinationBody, team(cid, {}))).toEqual([
        { path: "agent_assignments", message: "must name at least one agent" },
      ]);
      const paths = (body: unknown) => schemaIssues(CreateCoordinationBody, body).map((i) => i.path);
      expect(paths(team(cid, ["a"], { resource_allocations: { a: { quality_threshold: 1.5 } } }))).toEqual([
        "resource_allocations.a.quality_threshold",
      ]);
      expect(paths(team(cid, ["a"], { coordination_protocols: { a: { update_interval_ms: 99 } } }))).toEqual([
        "coordination_protocols.a.update_interval_ms",
      ]);
      expect(paths(team(cid, ["a"], { resource_allocations: { a: { max_execution_time_ms: 999 } } }))).toEqual([
        "resource_allocations.a.max_execution_time_ms",
      ]);
      expect(paths(team(cid, ["a"], { resource_allocations: { b: { max_memory_mb: 64 } } }))).toEqual(["resource_allocations.b"]);
      expect(new Set(paths({ ...team(cid, ["a"]), coordination_state: { coordination_id: "", session_id: "s" } }))).toEqual(
        new Set(["coordination_state.coordination_id"]),
      );
      expect(await allCoordinationIds()).toEqual(before);
    });

    it("a NUL character in a value stored as text (session_id, agent_role) is rejected naming the field", () => {
      const cid = newId("nul");
      const paths = (body: unknown) => schemaIssues(CreateCoordinationBody, body).map((i) => i.path);
      expect(paths({ ...team(cid, ["a"]), coordination_state: { coordination_id: cid, session_id: "s\u0000" } })).toEqual([
        "coordination_state.session_id",
      ]);
      expect(paths(team(cid, { a: { agent_role: "lead\u0000" } }))).toEqual(["agent_assignments.a.agent_role"]);
      expect(paths({ ...team(cid, ["a"]), coordination_state: { coordination_id: cid, session_id: "s", workflow_type: "\u0000" } })).toEqual([
        "coordination_state.workflow_type",
      ]);
    });

    it("an agent, team role or key named __proto__ is rejected naming it, not silently dropped", () => {
      const cid = newId("proto");
      // JSON.parse makes "__proto__" an ordinary own key, as it arrives over HTTP.
      const body = (json: string) => JSON.parse(json) as unknown;
      const ids = `"coordination_state": {"coordination_id": "${cid}", "session_id": "s"}`;
      expect(schemaIssues(CreateCoordinationBody, body(`{${ids}, "agent_assignments": {"a": {}, "__proto__": {}}}`))).toEqual([
        { path: "agent_assignments.__proto__", message: "is a reserved name and cannot be used as a key" },
      ]);
      expect(schemaIssues(CreateCoordinationBody, body(`{${ids}, "agent_assignments": {"a": {}}, "team_roles": {"__proto__": "x"}}`)).map((i) => i.path)).toEqual([
        "team_roles.__proto__",
      ]);
      expect(schemaIssues(SharedIntelligenceUpdateBody, body(`{"update_type": "type_registry", "update_data": {"__proto__": {"a": 1}}}`)).map((i) => i.path)).toEqual([
        "update_data.__proto__",
      ]);
    });

    it(`JSON nested up to ${MAX_JSON_DEPTH} levels is stored and read back intact; deeper is rejected naming where`, async () => {
      const cid = newId("deep");
      // body(1) > agent_assignments(2) > a(3) > input_data(4) > x: `levels` more.
      const nested = (levels: number): unknown => {
        let v: unknown = "bottom";
        for (let i = 0; i < levels; i++) v = [v];
        return v;
      };
      const deepest = team(cid, { a: { input_data: { x: nested(MAX_JSON_DEPTH - 4) } } });
      const d = await distribute(deepest);
      expect((await getAgentContext(cid, "a")).context.agent_assignment.input_data).toEqual({ x: nested(MAX_JSON_DEPTH - 4) });
      expect(d.contexts.a!.agent_assignment.input_data).toEqual({ x: nested(MAX_JSON_DEPTH - 4) });

      const issues = schemaIssues(CreateCoordinationBody, team(newId("deeper"), { a: { input_data: { x: nested(MAX_JSON_DEPTH - 3) } } }));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.message).toBe(`nests more than ${MAX_JSON_DEPTH} levels deep`);
      expect(issues[0]!.path.startsWith("agent_assignments.a.input_data.x.0.0")).toBe(true);
      // A body nested far deeper than any stack is answered just the same.
      expect(schemaIssues(CreateCoordinationBody, team(newId("deepest"), { a: { input_data: { x: nested(200_000) } } }))).toHaveLength(1);
      // Shared-intelligence updates are held to the same bound: body(1) > update_data(2) > T.
      const update = { update_type: "type_registry", update_data: { T: nested(MAX_JSON_DEPTH - 1) } };
      expect(schemaIssues(SharedIntelligenceUpdateBody, update)[0]!.message).toBe(`nests more than ${MAX_JSON_DEPTH} levels deep`);
      // At the bound, the merged context (context > shared_intelligence > type_registry > T) is one level deeper, and fine.
      await updateShared(cid, { update_type: "type_registry", update_data: { T: nested(MAX_JSON_DEPTH - 2) } });
      expect((await getAgentContext(cid, "a")).context.shared_intelligence.type_registry).toEqual({ T: nested(MAX_JSON_DEPTH - 2) });
    });

    it("per-agent settings for an agent named only through an inherited property name (constructor) are rejected, not dropped", () => {
      const cid = newId("proto-names");
      const issues = schemaIssues(CreateCoordinationBody, team(cid, ["a"], { resource_allocations: { constructor: { max_retry_attempts: 1 } } }));
      expect(issues.map((i) => i.path)).toEqual(["resource_allocations.constructor"]);
      // ...while an agent really called "constructor" is an agent like any other.
      const ok = CreateCoordinationBody.safeParse(team(cid, ["constructor"], { resource_allocations: { constructor: { max_retry_attempts: 1 } } }));
      expect(ok.success, JSON.stringify(ok.error?.issues)).toBe(true);
    });

    it("a distribution whose database write fails midway stores nothing: no coordination, no contexts, no history", async () => {
      const cid = newId("midway");
      const input = CreateCoordinationBody.parse(team(cid, ["first", "second", "third"]));
      // Postgres refuses the NUL character in a text column: the coordination row is inserted,
      // then inserting the contexts fails on the last agent's role. The schema refuses NUL (see
      // the HTTP tests); here the domain is handed it directly to provoke a real database error.
      input.agent_assignments.third!.agent_role = "role\u0000with-nul";
      const before = await allCoordinationIds();
      await expect(distributeContexts(input)).rejects.toThrow();
      expect(await allCoordinationIds()).toEqual(before);
      await expectHuddleError(() => getCoordination(cid), "not_found");
      await expectHuddleError(() => listContextVersions(cid, "first", { limit: 10 }), "not_found");
      // The id is free: a correct distribution afterwards starts at version 1.
      const d = await distribute(team(cid, ["first"]));
      expect(d.coordination.version).toBe(1);
      expect((await history(cid, "first")).map((v) => v.contextVersion)).toEqual([1]);
    });

    it("a replace whose database write fails midway leaves the previous agents, contexts, version and history as they were", async () => {
      const cid = newId("midway-replace");
      await distribute(team(cid, ["a", "b"]));
      await updateShared(cid, { update_type: "type_registry", update_data: { T: "int" } });
      const before = await snapshot(cid);
      const input = CreateCoordinationBody.parse({ ...team(cid, ["b", "c"]), replace: true });
      input.agent_assignments.c!.agent_role = "bad\u0000role";
      await expect(distributeContexts(input)).rejects.toThrow();
      expect(await snapshot(cid)).toEqual(before);
    });
  });

  describe("replacing", () => {
    it("replace removes agents not named, continues a re-distributed agent's context_version and keeps its history", async () => {
      const cid = newId("replace");
      await distribute(team(cid, ["a", "b", "c"]));
      await updateShared(cid, { update_type: "type_registry", update_data: { Base: "object" } }); // all at 2
      await updateResources(cid, "b", { resource_allocation: { max_retry_attempts: 9 } }); // b at 3
      const bHistoryBefore = await history(cid, "b");
      const versionBefore = (await getCoordination(cid)).version;

      const d = await distribute({ ...team(cid, ["d", "b"]), replace: true });
      expect(Object.keys(d.contexts)).toEqual(["d", "b"]);
      expect(d.contexts.b!.context_version).toBe(4);
      expect(d.contexts.d!.context_version).toBe(1);
      // The new assignment replaces the old context wholly: no carried-over shared intelligence or resources.
      expect(d.contexts.b!.shared_intelligence.type_registry).toEqual({});
      expect(d.contexts.b!.resource_allocation).toEqual(DEFAULT_RESOURCE_ALLOCATION);
      expect(d.coordination).toMatchObject({ version: versionBefore + 1, agentCount: 2 });

      expect(await listAgents(cid)).toEqual(["d", "b"]);
      await expectHuddleError(() => getAgentContext(cid, "a"), "not_found");
      await expectHuddleError(() => getAgentContext(cid, "c"), "not_found");
      const bHistory = await history(cid, "b");
      expect(bHistory.map((v) => v.contextVersion)).toEqual([4, 3, 2, 1]);
      expect(bHistory.slice(1)).toEqual(bHistoryBefore);
      expect(bHistory[0]!.reason).toBe("distributed");

      // An agent removed earlier and named again continues from its own last version.
      const again = await distribute({ ...team(cid, ["a"]), replace: true });
      expect(again.contexts.a!.context_version).toBe(3);
      expect((await history(cid, "a")).map((v) => v.contextVersion)).toEqual([3, 2, 1]);
    });

    it("after clear, distributing without replace is a conflict; with replace the versions continue", async () => {
      const cid = newId("clear-replace");
      await distribute(team(cid, ["a"]));
      await updateResources(cid, "a", { resource_allocation: { timeout_ms: 1000 } });
      expect(await clearCoordinationContexts(cid)).toBe(true);
      await expectHuddleError(() => distribute(team(cid, ["a"])), "conflict");
      const d = await distribute({ ...team(cid, ["a"]), replace: true });
      expect(d.contexts.a!.context_version).toBe(3);
      expect((await history(cid, "a")).map((v) => v.contextVersion)).toEqual([3, 2, 1]);
    });
  });

  describe("shared intelligence", () => {
    it("an update for every agent (target_agents null) merges the keys shallowly and adds one to each context_version", async () => {
      const cid = newId("shared-all");
      await distribute({
        ...seedCodegenBody(cid),
        shared_intelligence: {
          type_registry: { UserId: "str", Email: "str" },
          pattern_library: { validation: ["email_validator", "url_validator"] },
          validation_rules: { email: { pattern: "^.+@.+$", flags: "i" } },
        },
      });
      expect(await updateShared(cid, { update_type: "type_registry", update_data: { Email: "EmailStr", NewType: "CustomClass" }, target_agents: null })).toEqual({
        model_generator: true,
        validator_generator: true,
        test_generator: true,
      });
      await updateShared(cid, { update_type: "pattern_library", update_data: { validation: ["regex_validator"], caching: ["redis_cache"] } });
      await updateShared(cid, { update_type: "validation_rules", update_data: { email: { pattern: "^x$" } } });

      for (const agentId of SEED_AGENT_IDS) {
        const { context, contextVersion } = await getAgentContext(cid, agentId);
        expect(contextVersion).toBe(4);
        // Only shared intelligence and the version changed.
        expect(withoutCreatedAt(context), agentId).toEqual({
          ...expectedSeedContext(cid, agentId, 4),
          shared_intelligence: {
            type_registry: { UserId: "str", Email: "EmailStr", NewType: "CustomClass" },
            // A key's value is replaced whole: lists are not concatenated, objects not deep-merged.
            pattern_library: { validation: ["regex_validator"], caching: ["redis_cache"] },
            validation_rules: { email: { pattern: "^x$" } },
            naming_conventions: {},
            dependency_graph: {},
          },
        });
      }
    });

    it("an empty target_agents list means every agent", async () => {
      const cid = newId("shared-empty-targets");
      await distribute(team(cid, ["a", "b"]));
      expect(await updateShared(cid, { update_type: "naming_conventions", update_data: { class: "PascalCase" }, target_agents: [] })).toEqual({ a: true, b: true });
      expect((await getAgentContext(cid, "b")).context.shared_intelligence.naming_conventions).toEqual({ class: "PascalCase" });
    });

    it("a targeted update reports true for each existing target and false for an unknown one; agents not targeted are absent and unchanged", async () => {
      const cid = newId("shared-targeted");
      await distribute(seedCodegenBody(cid));
      const untouched = await getAgentContext(cid, "test_generator");
      const results = await updateShared(cid, {
        update_type: "pattern_library",
        update_data: { caching: ["redis_cache", "memory_cache"] },
        target_agents: ["model_generator", "ghost_agent", "validator_generator"],
      });
      expect(results).toEqual({ model_generator: true, ghost_agent: false, validator_generator: true });
      expect(Object.keys(results)).not.toContain("test_generator");
      for (const agentId of ["model_generator", "validator_generator"]) {
        const { context } = await getAgentContext(cid, agentId);
        expect(context.context_version).toBe(2);
        expect(context.shared_intelligence.pattern_library).toEqual({
          validation: ["email_validator", "url_validator"],
          caching: ["redis_cache", "memory_cache"],
        });
      }
      expect(await getAgentContext(cid, "test_generator")).toEqual(untouched);
      await expectHuddleError(() => getAgentContext(cid, "ghost_agent"), "not_found");
    });

    it("a target whose id is an inherited property name is still reported as false", async () => {
      const cid = newId("shared-proto-target");
      await distribute(team(cid, ["a"]));
      const results = await updateShared(cid, {
        update_type: "type_registry",
        update_data: { X: "int" },
        target_agents: ["a", "__proto__", "constructor"],
      });
      expect(Object.entries(results)).toEqual([
        ["a", true],
        ["__proto__", false],
        ["constructor", false],
      ]);
    });

    it("an update where no target exists changes nothing and reports false for each", async () => {
      const cid = newId("shared-none");
      await distribute(team(cid, ["a"]));
      const before = await snapshot(cid);
      expect(await updateShared(cid, { update_type: "type_registry", update_data: { X: "int" }, target_agents: ["b", "c"] })).toEqual({ b: false, c: false });
      expect(await snapshot(cid)).toEqual(before);
    });

    it("increment_version false changes the content but not the version; history gains a revision with the same context_version", async () => {
      const cid = newId("shared-no-increment");
      await distribute(team(cid, ["a"]));
      await updateShared(cid, { update_type: "type_registry", update_data: { A: "int" } }); // v2
      await updateShared(cid, { update_type: "type_registry", update_data: { B: "str" }, increment_version: false });
      const record = await getAgentContext(cid, "a");
      expect(record.contextVersion).toBe(2);
      expect(record.revision).toBe(3);
      expect(record.context.context_version).toBe(2);
      expect(record.context.shared_intelligence.type_registry).toEqual({ A: "int", B: "str" });

      const versions = await history(cid, "a");
      expect(versions.map((v) => [v.revision, v.contextVersion, v.reason])).toEqual([
        [3, 2, "shared_intelligence"],
        [2, 2, "shared_intelligence"],
        [1, 1, "distributed"],
      ]);
      expect(versions[0]!.context).toEqual(record.context);
      expect(versions[1]!.context.shared_intelligence.type_registry).toEqual({ A: "int" });
      // Version 2 as the agent last saw it: its newest revision.
      expect((await getContextVersion(cid, "a", 2)).context).toEqual(record.context);
    });

    it("an update of an unknown coordination is not_found", async () => {
      await expectHuddleError(() => updateShared("no-such-coordination", { update_type: "type_registry", update_data: { X: "int" } }), "not_found");
    });

    it("a bad update_type or a value of the wrong shape for its part is rejected naming the field, and nothing changes", async () => {
      const cid = newId("shared-invalid");
      await distribute(seedCodegenBody(cid));
      const before = await snapshot(cid);
      expect(schemaIssues(SharedIntelligenceUpdateBody, { update_type: "secrets", update_data: {} }).map((i) => i.path)).toEqual(["update_type"]);
      expect(schemaIssues(SharedIntelligenceUpdateBody, { update_type: "naming_conventions", update_data: { class: 42 } })).toEqual([
        { path: "update_data.class", message: "must be a string" },
      ]);
      expect(schemaIssues(SharedIntelligenceUpdateBody, { update_type: "pattern_library", update_data: { caching: "redis" } })).toEqual([
        { path: "update_data.caching", message: "must be a list" },
      ]);
      expect(schemaIssues(SharedIntelligenceUpdateBody, { update_type: "dependency_graph", update_data: { a: { b: 1 } } }).map((i) => i.path)).toEqual([
        "update_data.a",
      ]);
      expect(await snapshot(cid)).toEqual(before);
    });

    it("50 concurrent increments on one agent end exactly 50 versions higher, with 51 history rows and every key kept", async () => {
      const cid = newId("shared-50");
      await distribute(team(cid, ["hot", "cold"]));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          updateShared(cid, { update_type: "type_registry", update_data: { [`T${i}`]: `type-${i}` }, target_agents: ["hot"] }),
        ),
      );
      expect(results.every((r) => r.hot === true)).toBe(true);
      const hot = await getAgentContext(cid, "hot");
      expect(hot.contextVersion).toBe(51);
      expect(hot.context.context_version).toBe(51);
      expect(Object.keys(hot.context.shared_intelligence.type_registry).sort()).toEqual(
        Array.from({ length: 50 }, (_, i) => `T${i}`).sort(),
      );
      const versions = await history(cid, "hot");
      expect(versions).toHaveLength(51);
      expect(versions.map((v) => v.contextVersion)).toEqual(Array.from({ length: 51 }, (_, i) => 51 - i));
      expect((await getAgentContext(cid, "cold")).contextVersion).toBe(1);
      expect((await getCoordination(cid)).version).toBe(51);
    });

    it("concurrent updates of different keys and parts, with and without increments, never lose one another", async () => {
      const cid = newId("shared-keys");
      await distribute(team(cid, ["a", "b", "c"]));
      const parts = ["type_registry", "validation_rules", "pattern_library"] as const;
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const part = parts[i % 3]!;
          return updateShared(cid, {
            update_type: part,
            update_data: { [`k${i}`]: part === "pattern_library" ? [i] : i },
            increment_version: i % 2 === 0,
          });
        }),
      );
      for (const agentId of ["a", "b", "c"]) {
        const record = await getAgentContext(cid, agentId);
        for (const [p, part] of parts.entries()) {
          const keys = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 === p);
          expect(record.context.shared_intelligence[part], `${agentId}.${part}`).toEqual(
            Object.fromEntries(keys.map((i) => [`k${i}`, part === "pattern_library" ? [i] : i])),
          );
        }
        expect(record.contextVersion).toBe(16);
        expect(record.revision).toBe(31);
      }
    });
  });

  describe("version history", () => {
    it("lists every version newest first, pages with beforeRevision, and returns one version by number; a missing one is not_found", async () => {
      const cid = newId("versions");
      const d = await distribute(team(cid, ["a"]));
      await updateShared(cid, { update_type: "type_registry", update_data: { A: "int" } });
      await updateResources(cid, "a", { resource_allocation: { concurrency_limit: 2 } });

      const all = await history(cid, "a");
      expect(all.map((v) => [v.contextVersion, v.reason])).toEqual([
        [3, "resources"],
        [2, "shared_intelligence"],
        [1, "distributed"],
      ]);
      expect(all[2]!.context).toEqual(d.contexts.a);
      expect(all[0]!.context).toEqual((await getAgentContext(cid, "a")).context);
      expect(all.map((v) => v.sizeBytes)).toEqual(all.map((v) => Buffer.byteLength(JSON.stringify(v.context))));

      const page1 = await listContextVersions(cid, "a", { limit: 2 });
      expect(page1.versions.map((v) => v.contextVersion)).toEqual([3, 2]);
      expect(page1.nextBeforeRevision).toBe(2);
      const page2 = await listContextVersions(cid, "a", { limit: 2, beforeRevision: page1.nextBeforeRevision! });
      expect(page2.versions.map((v) => v.contextVersion)).toEqual([1]);
      expect(page2.nextBeforeRevision).toBeNull();

      const v2 = await getContextVersion(cid, "a", 2);
      expect(v2.contextVersion).toBe(2);
      expect(v2.context.shared_intelligence.type_registry).toEqual({ A: "int" });
      expect(v2.context.resource_allocation.concurrency_limit).toBe(10);
      await expectHuddleError(() => getContextVersion(cid, "a", 4), "not_found");
      await expectHuddleError(() => getContextVersion(cid, "nobody", 1), "not_found");
    });
  });

  describe("resource allocation", () => {
    it("merges a partial allocation over the current one and returns the context at version + 1", async () => {
      const cid = newId("resources");
      await distribute(seedCodegenBody(cid));
      const versionBefore = (await getCoordination(cid)).version;
      const context = await updateResources(cid, "model_generator", { resource_allocation: { max_memory_mb: 1024, timeout_ms: 5000 } });
      expect(context.context_version).toBe(2);
      expect(context.resource_allocation).toEqual({
        ...DEFAULT_RESOURCE_ALLOCATION,
        max_execution_time_ms: 120_000,
        max_retry_attempts: 5,
        quality_threshold: 0.95,
        max_memory_mb: 1024,
        timeout_ms: 5000,
      });
      expect(withoutCreatedAt({ ...context, resource_allocation: expectedSeedContext(cid, "model_generator").resource_allocation })).toEqual(
        expectedSeedContext(cid, "model_generator", 2),
      );
      expect((await getAgentContext(cid, "model_generator")).context).toEqual(context);
      expect((await history(cid, "model_generator"))[0]).toMatchObject({ contextVersion: 2, reason: "resources" });
      expect((await getCoordination(cid)).version).toBe(versionBefore + 1);
      // Other agents are untouched.
      expect((await getAgentContext(cid, "validator_generator")).contextVersion).toBe(1);
    });

    it("with the current expected_version it succeeds; with a stale one it is a conflict carrying the current context, and nothing is written", async () => {
      const cid = newId("resources-expected");
      await distribute(team(cid, ["a"]));
      const ok = await updateResources(cid, "a", { resource_allocation: { max_retry_attempts: 7 }, expected_version: 1 });
      expect(ok.context_version).toBe(2);
      const before = await snapshot(cid);
      const err = await expectHuddleError(
        () => updateResources(cid, "a", { resource_allocation: { max_retry_attempts: 1 }, expected_version: 1 }),
        "conflict",
      );
      expect(err.extra.current).toEqual(ok);
      expect(await snapshot(cid)).toEqual(before);
    });

    it("an unknown agent or coordination is not_found and nothing is written", async () => {
      const cid = newId("resources-missing");
      await distribute(team(cid, ["a"]));
      const before = await snapshot(cid);
      await expectHuddleError(() => updateResources(cid, "nobody", { resource_allocation: { max_retry_attempts: 1 } }), "not_found");
      await expectHuddleError(() => updateResources("no-such-coordination", "a", { resource_allocation: {} }), "not_found");
      expect(await snapshot(cid)).toEqual(before);
    });

    it("values out of bounds are rejected naming the field", () => {
      const path = (ra: Record<string, unknown>) => schemaIssues(ResourceAllocationUpdateBody, { resource_allocation: ra }).map((i) => i.path);
      expect(path({ quality_threshold: 1.01 })).toEqual(["resource_allocation.quality_threshold"]);
      expect(path({ quality_threshold: -0.1 })).toEqual(["resource_allocation.quality_threshold"]);
      expect(path({ max_execution_time_ms: 999 })).toEqual(["resource_allocation.max_execution_time_ms"]);
      expect(path({ timeout_ms: 99 })).toEqual(["resource_allocation.timeout_ms"]);
      expect(path({ max_retry_attempts: 1.5 })).toEqual(["resource_allocation.max_retry_attempts"]);
      expect(path({ gpu_count: 1 })).toEqual(["resource_allocation.gpu_count"]);
    });
  });

  describe("clearing", () => {
    it("clear removes the contexts and answers true, then false; the coordination and the history remain", async () => {
      const cid = newId("clear");
      await distribute(team(cid, ["a", "b"]));
      const versionBefore = (await getCoordination(cid)).version;
      expect(await clearCoordinationContexts(cid)).toBe(true);
      expect(await listAgents(cid)).toEqual([]);
      await expectHuddleError(() => getAgentContext(cid, "a"), "not_found");
      expect(await getCoordination(cid)).toMatchObject({ id: cid, agentCount: 0, version: versionBefore + 1 });
      expect((await history(cid, "a")).map((v) => v.contextVersion)).toEqual([1]);

      expect(await clearCoordinationContexts(cid)).toBe(false);
      expect((await getCoordination(cid)).version).toBe(versionBefore + 1);
      // Nothing to update any more: every agent reports false, a null target reaches nobody.
      expect(await updateShared(cid, { update_type: "type_registry", update_data: { X: "int" }, target_agents: ["a"] })).toEqual({ a: false });
      expect(await updateShared(cid, { update_type: "type_registry", update_data: { X: "int" } })).toEqual({});
    });

    it("clearing an unknown coordination is not_found", async () => {
      await expectHuddleError(() => clearCoordinationContexts("no-such-coordination"), "not_found");
    });
  });

  describe("the coordination's version", () => {
    it("grows by exactly one per change, and not at all when nothing changes", async () => {
      const cid = newId("version");
      const steps: Array<[string, () => Promise<unknown>, number]> = [
        ["distribute", () => distribute(team(cid, ["a", "b"])), 1],
        ["shared intelligence", () => updateShared(cid, { update_type: "type_registry", update_data: { A: "int" } }), 2],
        ["shared intelligence without increment", () => updateShared(cid, { update_type: "type_registry", update_data: { B: "int" }, increment_version: false }), 3],
        ["shared intelligence for nobody", () => updateShared(cid, { update_type: "type_registry", update_data: { C: "int" }, target_agents: ["ghost"] }), 3],
        ["resources", () => updateResources(cid, "a", { resource_allocation: { max_memory_mb: 64 } }), 4],
        ["stale resources", () => updateResources(cid, "a", { resource_allocation: { max_memory_mb: 65 }, expected_version: 1 }).catch(() => undefined), 4],
        ["replace", () => distribute({ ...team(cid, ["a"]), replace: true }), 5],
        ["clear", () => clearCoordinationContexts(cid), 6],
        ["clear again", () => clearCoordinationContexts(cid), 6],
      ];
      for (const [what, step, expected] of steps) {
        await step();
        expect((await getCoordination(cid)).version, `after ${what}`).toBe(expected);
      }
    });
  });
});
