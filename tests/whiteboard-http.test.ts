// The whiteboard's HTTP API (API.md "Whiteboard") through a real Huddle process on a fresh
// Postgres database: each endpoint's status codes and bodies, and bad input answered with the
// right 4xx and nothing changed afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoordination, startCluster, type Api, type HuddleCluster } from "./support/huddle";
import { createTeam } from "./support/credentials";

let cluster: HuddleCluster;
let http: Api;

/** A new coordination and a client with its coordinator token: changes are logged as "Coordinator". */
async function asCoordinator(): Promise<{ cid: string; coordinator: Api }> {
  const team = await createTeam(http, cluster.servers[0]!.url);
  return { cid: team.id, coordinator: team.coordinator };
}

beforeAll(async () => {
  cluster = await startCluster();
  http = cluster.clients[0]!;
});

afterAll(async () => {
  await cluster?.stop();
});

const base = (cid: string) => `/api/v1/coordinations/${cid}`;

/** The coordination and its whole log, as the API shows them: what "nothing changed" compares. */
async function state(cid: string) {
  const coordination = await http.get(base(cid));
  const log = await http.get(`${base(cid)}/updates?limit=1000`);
  expect(coordination.status, `GET ${base(cid)}`).toBe(200);
  expect(log.status, `GET ${base(cid)}/updates`).toBe(200);
  return { coordination: coordination.body, updates: log.body.updates };
}

/** Sends a raw (possibly malformed) body. */
async function raw(method: string, path: string, body: string, contentType = "application/json") {
  const res = await fetch(cluster.servers[0]!.url + path, {
    method,
    headers: { "content-type": contentType, authorization: `Bearer ${cluster.token}` },
    body,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: parsed as any };
}

function expectError(res: { status: number; body: unknown }, status: number, code: string) {
  expect({ status: res.status, code: (res.body as { error?: { code?: string } })?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("PUT mission", () => {
  it("sets mission and focus: 200 with both, the new version and the logged decision", async () => {
    const { cid, coordinator } = await asCoordinator();
    const before = await state(cid);
    const res = await coordinator.put(`${base(cid)}/mission`, { mission: "Build churn model", current_focus: "Data collection" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mission: "Build churn model",
      current_focus: "Data collection",
      version: before.coordination.version + 1,
      update: {
        coordination_id: cid,
        seq: 1,
        agent_name: "Coordinator",
        update_type: "decision",
        content: { action: "mission_updated", mission: "Build churn model", focus: "Data collection" },
        tags: [],
        created_at: expect.stringMatching(ISO),
      },
    });
    const after = await state(cid);
    expect(after.coordination).toMatchObject({ mission: "Build churn model", current_focus: "Data collection", version: before.coordination.version + 1, last_seq: 1 });
  });

  it("a missing or empty field is left as it was", async () => {
    const cid = await createCoordination(http);
    await http.put(`${base(cid)}/mission`, { mission: "M1", current_focus: "F1" });
    expect((await http.put(`${base(cid)}/mission`, { current_focus: "F2" })).body).toMatchObject({ mission: "M1", current_focus: "F2" });
    expect((await http.put(`${base(cid)}/mission`, { mission: "M3", current_focus: "" })).body).toMatchObject({ mission: "M3", current_focus: "F2" });
  });

  it("a stale expected_version is 409 with the current state, and nothing changes", async () => {
    const cid = await createCoordination(http);
    await http.put(`${base(cid)}/mission`, { mission: "M1" });
    const before = await state(cid);
    const res = await http.put(`${base(cid)}/mission`, { mission: "M2", expected_version: before.coordination.version - 1 });
    expectError(res, 409, "conflict");
    expect(res.body.current).toEqual({ version: before.coordination.version, mission: "M1", current_focus: "", progress: "", active_blockers: [] });
    expect(await state(cid)).toEqual(before);
  });

  it("the current expected_version is accepted", async () => {
    const cid = await createCoordination(http);
    const { coordination } = await state(cid);
    const res = await http.put(`${base(cid)}/mission`, { mission: "M", expected_version: coordination.version });
    expect({ status: res.status, version: res.body.version }).toEqual({ status: 200, version: coordination.version + 1 });
  });

  it.each([
    ["neither field", {}],
    ["both empty", { mission: "", current_focus: "  " }],
    ["a number for mission", { mission: 42 }],
    ["an unknown field", { mission: "M", owner: "me" }],
    ["a fractional expected_version", { mission: "M", expected_version: 1.5 }],
    ["a NUL character", { mission: "M\u0000" }],
    ["text over 10000 characters", { mission: "x".repeat(10_001) }],
  ])("%s is 400 and nothing changes", async (_what, body) => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    const res = await http.put(`${base(cid)}/mission`, body);
    expectError(res, 400, "validation_error");
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(await state(cid)).toEqual(before);
  });
});

describe("PUT progress", () => {
  it("sets progress: 200 with it, the new version and the logged progress update", async () => {
    const { cid, coordinator } = await asCoordinator();
    const before = await state(cid);
    const res = await coordinator.put(`${base(cid)}/progress`, { progress: "Halfway" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      progress: "Halfway",
      version: before.coordination.version + 1,
      update: { seq: 1, agent_name: "Coordinator", update_type: "progress", content: { action: "progress_updated", progress: "Halfway" } },
    });
  });

  it("a stale expected_version is 409 with current, and nothing changes", async () => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    const res = await http.put(`${base(cid)}/progress`, { progress: "P", expected_version: before.coordination.version + 1 });
    expectError(res, 409, "conflict");
    expect(res.body.current).toMatchObject({ version: before.coordination.version, progress: "" });
    expect(await state(cid)).toEqual(before);
  });

  it.each([
    ["a missing progress", {}],
    ["an empty progress", { progress: "" }],
    ["a list", { progress: ["a"] }],
    ["an unknown field", { progress: "P", note: 1 }],
  ])("%s is 400 and nothing changes", async (_what, body) => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    expectError(await http.put(`${base(cid)}/progress`, body), 400, "validation_error");
    expect(await state(cid)).toEqual(before);
  });
});

describe("POST blockers", () => {
  it("answers added, already_exists, removed and not_found with the active list, logging only real changes", async () => {
    const cid = await createCoordination(http);
    const v0 = (await state(cid)).coordination.version;
    const post = (action: string, blocker: string) => http.post(`${base(cid)}/blockers`, { action, blocker });
    const steps = [await post("add", "A"), await post("add", "B"), await post("add", "A"), await post("remove", "A"), await post("remove", "A")];
    expect(steps.map((r) => [r.status, r.body])).toEqual([
      [200, { status: "added", active_blockers: ["A"], version: v0 + 1 }],
      [200, { status: "added", active_blockers: ["A", "B"], version: v0 + 2 }],
      [200, { status: "already_exists", active_blockers: ["A", "B"], version: v0 + 2 }],
      [200, { status: "removed", active_blockers: ["B"], version: v0 + 3 }],
      [200, { status: "not_found", active_blockers: ["B"], version: v0 + 3 }],
    ]);
    const after = await state(cid);
    expect(after.coordination.active_blockers).toEqual(["B"]);
    expect(after.updates.map((u: { content: unknown }) => u.content)).toEqual([
      { action: "blocker_add", blocker: "A", active_blockers: ["A"] },
      { action: "blocker_add", blocker: "B", active_blockers: ["A", "B"] },
      { action: "blocker_remove", blocker: "A", active_blockers: ["B"] },
    ]);
  });

  it.each([
    ["an unknown action", { action: "resolve", blocker: "A" }],
    ["a missing blocker", { action: "add" }],
    ["an empty blocker", { action: "add", blocker: " " }],
    ["a missing action", { blocker: "A" }],
    ["a blocker over 1000 characters", { action: "add", blocker: "b".repeat(1001) }],
  ])("%s is 400 and nothing changes", async (_what, body) => {
    const cid = await createCoordination(http);
    await http.post(`${base(cid)}/blockers`, { action: "add", blocker: "A" });
    const before = await state(cid);
    expectError(await http.post(`${base(cid)}/blockers`, body), 400, "validation_error");
    expect(await state(cid)).toEqual(before);
  });
});

describe("POST decisions", () => {
  it("logs a decision with a rationale: 201 with the version and the update", async () => {
    const { cid, coordinator } = await asCoordinator();
    const v0 = (await state(cid)).coordination.version;
    const res = await coordinator.post(`${base(cid)}/decisions`, { decision: "Use XGBoost", rationale: "Fast" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: v0 + 1,
      update: { seq: 1, agent_name: "Coordinator", update_type: "decision", content: { decision: "Use XGBoost", rationale: "Fast" } },
    });
  });

  it("logs a decision without a rationale as rationale null", async () => {
    const cid = await createCoordination(http);
    const res = await http.post(`${base(cid)}/decisions`, { decision: "Ship it" });
    expect(res.status).toBe(201);
    expect(res.body.update.content).toEqual({ decision: "Ship it", rationale: null });
  });

  it.each([
    ["a missing decision", { rationale: "why" }],
    ["an empty decision", { decision: "" }],
    ["a numeric rationale", { decision: "D", rationale: 1 }],
  ])("%s is 400 and nothing changes", async (_what, body) => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    expectError(await http.post(`${base(cid)}/decisions`, body), 400, "validation_error");
    expect(await state(cid)).toEqual(before);
  });
});

describe("POST and GET updates", () => {
  it("posting an update is 201 with the stored update and its seq", async () => {
    const cid = await createCoordination(http);
    const body = { agent_name: "Data Engineer", update_type: "finding", content: { task: "pipeline", status: "completed" }, tags: ["worker_response"] };
    const first = await http.post(`${base(cid)}/updates`, body);
    const second = await http.post(`${base(cid)}/updates`, { ...body, tags: undefined });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ coordination_id: cid, seq: 1, ...body, created_at: expect.stringMatching(ISO) });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ seq: 2, tags: [] });
  });

  it("GET updates lists oldest first with next_after_seq, filters by update_type and agent_name, and pages with after_seq", async () => {
    const cid = await createCoordination(http);
    const plan = [
      ["A", "finding"],
      ["B", "progress"],
      ["A", "artifact"],
      ["C", "finding"],
      ["A", "finding"],
    ];
    for (const [agent_name, update_type] of plan) {
      expect((await http.post(`${base(cid)}/updates`, { agent_name, update_type, content: {} })).status).toBe(201);
    }
    const all = await http.get(`${base(cid)}/updates`);
    expect(all.status).toBe(200);
    expect(all.body.updates.map((u: { seq: number }) => u.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all.body.next_after_seq).toBe(5);
    const seqs = async (query: string) => {
      const res = await http.get(`${base(cid)}/updates?${query}`);
      expect(res.status, `GET updates?${query}: ${JSON.stringify(res.body)}`).toBe(200);
      return [res.body.updates.map((u: { seq: number }) => u.seq), res.body.next_after_seq];
    };
    expect(await seqs("update_type=finding")).toEqual([[1, 4, 5], 5]);
    expect(await seqs("agent_name=A")).toEqual([[1, 3, 5], 5]);
    expect(await seqs("agent_name=A&update_type=finding")).toEqual([[1, 5], 5]);
    expect(await seqs("limit=2")).toEqual([[1, 2], 2]);
    expect(await seqs("after_seq=2&limit=2")).toEqual([[3, 4], 4]);
    expect(await seqs("after_seq=4&limit=2")).toEqual([[5], 5]);
    expect(await seqs("after_seq=5")).toEqual([[], 5]);
    expect(await seqs("agent_name=Nobody")).toEqual([[], 0]);
  });

  it("GET updates returns 100 by default and at most 1000; limit=1001 is 400", async () => {
    const cid = await createCoordination(http);
    for (let i = 0; i < 105; i += 15) {
      await Promise.all(
        Array.from({ length: 15 }, (_, j) => http.post(`${base(cid)}/updates`, { agent_name: "W", update_type: "finding", content: { n: i + j } })),
      );
    }
    const page = await http.get(`${base(cid)}/updates`);
    expect(page.body.updates).toHaveLength(100);
    expect(page.body.next_after_seq).toBe(100);
    const big = await http.get(`${base(cid)}/updates?limit=1000`);
    expect(big.body.updates.map((u: { seq: number }) => u.seq)).toEqual(Array.from({ length: 105 }, (_, i) => i + 1));
    expectError(await http.get(`${base(cid)}/updates?limit=1001`), 400, "validation_error");
  });

  it.each([
    ["limit=0"],
    ["limit=abc"],
    ["after_seq=-1"],
    ["update_type=opinion"],
    ["colour=red"],
  ])("GET updates?%s is 400", async (query) => {
    const cid = await createCoordination(http);
    expectError(await http.get(`${base(cid)}/updates?${query}`), 400, "validation_error");
  });

  it.each([
    ["an unknown update type", { agent_name: "W", update_type: "opinion", content: {} }],
    ["a missing agent_name", { update_type: "finding", content: {} }],
    ["an empty agent_name", { agent_name: " ", update_type: "finding", content: {} }],
    ["a missing update_type", { agent_name: "W", content: {} }],
    ["a missing content", { agent_name: "W", update_type: "finding" }],
    ["content that is a list", { agent_name: "W", update_type: "finding", content: [1] }],
    ["content that is a string", { agent_name: "W", update_type: "finding", content: "done" }],
    ["content over 64 KiB", { agent_name: "W", update_type: "finding", content: { blob: "x".repeat(64 * 1024) } }],
    ["a NUL character in content", { agent_name: "W", update_type: "finding", content: { text: "a\u0000b" } }],
    ["a NUL character in agent_name", { agent_name: "W\u0000", update_type: "finding", content: {} }],
    ["a NUL character in a tag", { agent_name: "W", update_type: "finding", content: {}, tags: ["t\u0000"] }],
    ["tags that are not strings", { agent_name: "W", update_type: "finding", content: {}, tags: [1] }],
    ["an unknown field", { agent_name: "W", update_type: "finding", content: {}, seq: 7 }],
  ])("posting %s is 400 and nothing changes", async (_what, body) => {
    const cid = await createCoordination(http);
    await http.post(`${base(cid)}/updates`, { agent_name: "W", update_type: "finding", content: { first: true } });
    const before = await state(cid);
    const res = await http.post(`${base(cid)}/updates`, body);
    expectError(res, 400, "validation_error");
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(await state(cid)).toEqual(before);
  });

  it("a body over 1 MiB is 413 and nothing changes", async () => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    const res = await http.post(`${base(cid)}/updates`, { agent_name: "W", update_type: "finding", content: { blob: "x".repeat(1024 * 1024 + 1) } });
    expectError(res, 413, "payload_too_large");
    expect(await state(cid)).toEqual(before);
  });
});

describe("GET status and the agent view", () => {
  it("status is {text, status} with the seed's team status text", async () => {
    const { cid, coordinator } = await asCoordinator();
    await coordinator.put(`${base(cid)}/mission`, { mission: "Build recommendation system", current_focus: "Feature extraction phase" });
    await coordinator.put(`${base(cid)}/progress`, { progress: "Completed data collection, starting analysis" });
    await coordinator.post(`${base(cid)}/blockers`, { action: "add", blocker: "API rate limit issue" });
    await coordinator.post(`${base(cid)}/updates`, { agent_name: "Data Engineer", update_type: "progress", content: { summary: "Data pipeline deployed successfully" } });
    const res = await http.get(`${base(cid)}/status`);
    expect(res.status).toBe(200);
    expect(res.body.text).toBe(
      "Team Status:\nMission: Build recommendation system\nCurrent Focus: Feature extraction phase\n" +
        "Progress: Completed data collection, starting analysis\nActive Blockers: API rate limit issue\n\n" +
        "Recent Activity (4 updates):\n" +
        '\n- [decision] Coordinator: {"action":"mission_updated","mission":"Build recommendation system","focus":"Feature extraction phase"}'.slice(
          0,
          "\n- [decision] Coordinator: ".length + 100,
        ) +
        '\n- [progress] Coordinator: {"action":"progress_updated","progress":"Completed data collection, starting analysis"}' +
        '\n- [blocker] Coordinator: {"action":"blocker_add","blocker":"API rate limit issue","active_blockers":["API rate limit issue"]}' +
        '\n- [progress] Data Engineer: {"summary":"Data pipeline deployed successfully"}',
    );
    expect(res.body.status).toMatchObject({
      coordination_id: cid,
      mission: "Build recommendation system",
      current_focus: "Feature extraction phase",
      progress: "Completed data collection, starting analysis",
      active_blockers: ["API rate limit issue"],
      last_seq: 4,
    });
    expect(res.body.status.recent_updates.map((u: { seq: number }) => u.seq)).toEqual([1, 2, 3, 4]);
  });

  it("an empty coordination's status says Not set, None and 0 updates", async () => {
    const cid = await createCoordination(http);
    expect((await http.get(`${base(cid)}/status`)).body.text).toBe(
      "Team Status:\nMission: Not set\nCurrent Focus: Not set\nProgress: Not set\nActive Blockers: None\n\nRecent Activity (0 updates):\n",
    );
  });

  it("the view of a team member named with a space has its role and the context_message", async () => {
    const { cid, coordinator } = await asCoordinator();
    await coordinator.put(`${base(cid)}/mission`, { mission: "Churn", current_focus: "Pipelines" });
    await coordinator.post(`${base(cid)}/blockers`, { action: "add", blocker: "Rate limit" });
    const res = await http.get(`${base(cid)}/agents/${encodeURIComponent("ML Engineer")}/view`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      coordination_id: cid,
      agent_id: "ML Engineer",
      mission: "Churn",
      current_focus: "Pipelines",
      progress: "",
      my_role: "Model Development",
      active_blockers: ["Rate limit"],
      last_activity: expect.stringMatching(ISO),
    });
    expect(res.body.recent_updates.map((u: { seq: number }) => u.seq)).toEqual([1, 2]);
    expect(res.body.context_message).toBe(
      "[Whiteboard]\nMission: Churn\n\nCurrent Focus: Pipelines\n\nYour Role: Model Development\n\nActive Blockers: Rate limit\n\n" +
        "Recent Team Updates:\n" +
        '  - [decision] Coordinator: {"action":"mission_updated","mission":"Churn","focus":"Pipelines"}\n' +
        '  - [blocker] Coordinator: {"action":"blocker_add","blocker":"Rate limit","active_blockers":["Rate limit"]}',
    );
  });

  it("a member without a role gets my_role empty and no Your Role part", async () => {
    const cid = await createCoordination(http);
    const res = await http.get(`${base(cid)}/agents/stranger/view`);
    expect(res.status).toBe(200);
    expect({ my_role: res.body.my_role, message: res.body.context_message }).toEqual({ my_role: "", message: "[Whiteboard]" });
  });
});

describe("tools", () => {
  it("GET /api/v1/tools lists the five tools Anthropic style: {tools: [{name, description, input_schema}]}", async () => {
    const res = await http.get("/api/v1/tools");
    expect(res.status).toBe(200);
    expect(res.body.tools.map((t: { name: string }) => t.name)).toEqual([
      "update_mission_func",
      "update_progress_func",
      "manage_blocker_func",
      "log_decision_func",
      "get_team_status_func",
    ]);
    for (const t of res.body.tools) {
      expect(Object.keys(t).sort()).toEqual(["description", "input_schema", "name"]);
      expect(typeof t.description).toBe("string");
      expect(t.input_schema.type).toBe("object");
    }
    expect(res.body.tools[2].input_schema).toMatchObject({
      type: "object",
      properties: { action: { type: "string" }, blocker: { type: "string" } },
      required: ["action", "blocker"],
    });
  });

  it("GET /api/v1/tools?format=openai gives OpenAI's function format with the same schemas", async () => {
    const anthropic = (await http.get("/api/v1/tools")).body.tools;
    const res = await http.get("/api/v1/tools?format=openai");
    expect(res.status).toBe(200);
    expect(res.body.tools).toEqual(
      anthropic.map((t: { name: string; description: string; input_schema: unknown }) => ({
        type: "function",
        function: { name: t.name, description: t.description, parameters: t.input_schema },
      })),
    );
    expectError(await http.get("/api/v1/tools?format=xml"), 400, "validation_error");
  });

  it("POST tools/{name} runs each tool and answers {result} with the seed's text", async () => {
    const cid = await createCoordination(http);
    const run = async (name: string, args?: unknown) => {
      const res = await http.post(`${base(cid)}/tools/${name}`, args);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(Object.keys(res.body)).toEqual(["result"]);
      return res.body.result as string;
    };
    expect(await run("update_mission_func", { mission: "M", current_focus: "F" })).toBe("Mission updated: M\nCurrent focus: F");
    expect(await run("update_progress_func", { progress: "P" })).toBe("Progress updated: P");
    expect(await run("manage_blocker_func", { action: "add", blocker: "B" })).toBe("Blocker added: B\nActive blockers: B");
    expect(await run("manage_blocker_func", { action: "remove", blocker: "B" })).toBe("Blocker removed: B\nActive blockers: None");
    expect(await run("log_decision_func", { decision: "D", rationale: "R" })).toBe("Decision logged: D");
    const status = await run("get_team_status_func", {});
    expect(status).toBe((await http.get(`${base(cid)}/status`)).body.text);
    expect(await run("get_team_status_func")).toBe(status);
  });

  it("manage_blocker_func with an unknown action answers Invalid action (200) and changes nothing", async () => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    const res = await http.post(`${base(cid)}/tools/manage_blocker_func`, { action: "clear", blocker: "B" });
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { result: "Invalid action: clear. Use 'add' or 'remove'." } });
    expect(await state(cid)).toEqual(before);
  });

  it("an unknown tool is 404 and nothing changes", async () => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    expectError(await http.post(`${base(cid)}/tools/drop_tables_func`, {}), 404, "not_found");
    expectError(await http.post(`${base(cid)}/tools/${"x".repeat(200)}`, {}), 404, "not_found");
    expect(await state(cid)).toEqual(before);
  });

  it.each([
    ["update_mission_func", { mission: 1 }],
    ["update_mission_func", {}],
    ["update_progress_func", { progress: "" }],
    ["update_progress_func", "P"],
    ["manage_blocker_func", { action: "add" }],
    ["manage_blocker_func", { action: "add", blocker: ["B"] }],
    ["log_decision_func", { decision: 5 }],
    ["log_decision_func", [{ decision: "D" }]],
  ])("%s with arguments %j is 400 and nothing changes", async (name, args) => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    expectError(await http.post(`${base(cid)}/tools/${name}`, args), 400, "validation_error");
    expect(await state(cid)).toEqual(before);
  });
});

describe("unknown coordinations and malformed JSON", () => {
  it.each([
    ["PUT", "mission", { mission: "M" }],
    ["PUT", "progress", { progress: "P" }],
    ["POST", "blockers", { action: "add", blocker: "B" }],
    ["POST", "decisions", { decision: "D" }],
    ["POST", "updates", { agent_name: "W", update_type: "finding", content: {} }],
    ["GET", "updates", undefined],
    ["GET", "status", undefined],
    ["GET", "agents/w/view", undefined],
    ["POST", "tools/update_progress_func", { progress: "P" }],
    ["POST", "tools/get_team_status_func", {}],
  ])("%s %s of an unknown coordination is 404", async (method, path, body) => {
    const res = method === "GET" ? await http.get(`${base("no-such-coordination")}/${path}`) : await raw(method, `${base("no-such-coordination")}/${path}`, JSON.stringify(body));
    expectError(res, 404, "not_found");
    expectError(await http.get(base("no-such-coordination")), 404, "not_found");
  });

  it.each([
    ["PUT", "mission"],
    ["PUT", "progress"],
    ["POST", "blockers"],
    ["POST", "decisions"],
    ["POST", "updates"],
    ["POST", "tools/update_mission_func"],
  ])("%s %s with malformed JSON is 400 and nothing changes", async (method, path) => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    for (const body of ['{"mission": "M"', "{mission: 'M'}", "[1, 2", "nul"]) {
      const res = await raw(method, `${base(cid)}/${path}`, body);
      expectError(res, 400, "validation_error");
    }
    expect(await state(cid)).toEqual(before);
  });

  it("a request without a body is 400 (a JSON object is required)", async () => {
    const cid = await createCoordination(http);
    const before = await state(cid);
    expectError(await http.post(`${base(cid)}/updates`), 400, "validation_error");
    expectError(await http.put(`${base(cid)}/progress`), 400, "validation_error");
    expect(await state(cid)).toEqual(before);
  });
});
