// The whiteboard (seed 003, API.md "Whiteboard") at the domain level, on Postgres and on PGlite:
// mission, progress, blockers, decisions, worker updates, the update log, the team status text,
// the agent view, the five coordinator tools, versions and concurrent posters.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { distributeContexts } from "../lib/domain/contexts";
import { getCoordination, type Coordination } from "../lib/domain/coordinations";
import { HuddleError } from "../lib/domain/errors";
import { runTool, toolDefinitions } from "../lib/domain/tools";
import { listUpdates } from "../lib/domain/updates";
import {
  COORDINATOR,
  getAgentView,
  getTeamStatus,
  listDecisions,
  logDecision,
  manageBlocker,
  postUpdate,
  updateMission,
  updateProgress,
} from "../lib/domain/whiteboard";
import { CreateCoordinationBody } from "../lib/schemas/contexts";
import type { Update } from "../lib/schemas/whiteboard";
import { DB_KINDS, useDatabase } from "./support/db";

const SEED_TEAM_ROLES = {
  "Data Engineer": "Infrastructure & Data",
  "Data Analyst": "Analysis & Insights",
  "ML Engineer": "Model Development",
};

let counter = 0;
async function newCoordination(teamRoles: Record<string, string> = SEED_TEAM_ROLES): Promise<string> {
  const id = `wb-${++counter}-${randomBytes(3).toString("hex")}`;
  await distributeContexts(
    CreateCoordinationBody.parse({
      coordination_state: { coordination_id: id, session_id: "session-1" },
      agent_assignments: { data_engineer: {}, data_analyst: {}, ml_engineer: {} },
      team_roles: teamRoles,
    }),
  );
  return id;
}

async function allUpdates(coordinationId: string): Promise<Update[]> {
  return (await listUpdates({ coordinationId, afterSeq: 0, limit: 1000 })).updates;
}

/** The coordination and its whole log: what "nothing changed" compares. */
async function snapshot(coordinationId: string): Promise<{ coordination: Coordination; updates: Update[] }> {
  return { coordination: await getCoordination(coordinationId), updates: await allUpdates(coordinationId) };
}

/** Runs `fn`, expecting a HuddleError with `code`; returns it. */
async function expectHuddleError(fn: () => Promise<unknown>, code: string): Promise<HuddleError> {
  let thrown: unknown;
  try {
    await fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected a HuddleError '${code}'`).toBeInstanceOf(HuddleError);
  expect((thrown as HuddleError).code).toBe(code);
  return thrown as HuddleError;
}

/** The update as the log shows it, without its time. */
const entry = (u: Update) => ({ seq: u.seq, agentName: u.agentName, updateType: u.updateType, content: u.content, tags: u.tags });

describe.each(DB_KINDS)("whiteboard on %s", (kind) => {
  useDatabase(kind);

  describe("mission and focus", () => {
    it("setting mission and focus stores both, adds one to version and logs a decision by the actor", async () => {
      const cid = await newCoordination();
      const before = await getCoordination(cid);
      const r = await updateMission({ coordinationId: cid, mission: "Build churn model", currentFocus: "Data collection", actor: COORDINATOR });
      expect(r).toMatchObject({ mission: "Build churn model", currentFocus: "Data collection", version: before.version + 1 });
      const after = await getCoordination(cid);
      expect(after).toMatchObject({ mission: "Build churn model", currentFocus: "Data collection", version: before.version + 1, lastSeq: 1 });
      expect((await allUpdates(cid)).map(entry)).toEqual([
        {
          seq: 1,
          agentName: "Coordinator",
          updateType: "decision",
          content: { action: "mission_updated", mission: "Build churn model", focus: "Data collection" },
          tags: [],
        },
      ]);
    });

    it("a missing or empty focus is left as it was, and the logged decision carries the kept focus", async () => {
      const cid = await newCoordination();
      await updateMission({ coordinationId: cid, mission: "M1", currentFocus: "F1", actor: COORDINATOR });
      await updateMission({ coordinationId: cid, mission: "M2", actor: COORDINATOR });
      await updateMission({ coordinationId: cid, mission: "M3", currentFocus: "", actor: COORDINATOR });
      const c = await getCoordination(cid);
      expect({ mission: c.mission, focus: c.currentFocus }).toEqual({ mission: "M3", focus: "F1" });
      expect((await allUpdates(cid)).map((u) => u.content)).toEqual([
        { action: "mission_updated", mission: "M1", focus: "F1" },
        { action: "mission_updated", mission: "M2", focus: "F1" },
        { action: "mission_updated", mission: "M3", focus: "F1" },
      ]);
    });

    it("a missing or empty mission is left as it was when only the focus changes", async () => {
      const cid = await newCoordination();
      await updateMission({ coordinationId: cid, mission: "M1", currentFocus: "F1", actor: COORDINATOR });
      await updateMission({ coordinationId: cid, currentFocus: "F2", actor: COORDINATOR });
      await updateMission({ coordinationId: cid, mission: "", currentFocus: "F3", actor: "operator" });
      const c = await getCoordination(cid);
      expect({ mission: c.mission, focus: c.currentFocus }).toEqual({ mission: "M1", focus: "F3" });
      const log = await allUpdates(cid);
      expect(log.map((u) => [u.agentName, u.content])).toEqual([
        ["Coordinator", { action: "mission_updated", mission: "M1", focus: "F1" }],
        ["Coordinator", { action: "mission_updated", mission: "M1", focus: "F2" }],
        ["operator", { action: "mission_updated", mission: "M1", focus: "F3" }],
      ]);
    });

    it("a stale expected_version is a conflict carrying the current state, and nothing changes or is logged", async () => {
      const cid = await newCoordination();
      await updateMission({ coordinationId: cid, mission: "M1", currentFocus: "F1", actor: COORDINATOR });
      const before = await snapshot(cid);
      const err = await expectHuddleError(
        () => updateMission({ coordinationId: cid, mission: "M2", expectedVersion: before.coordination.version - 1, actor: COORDINATOR }),
        "conflict",
      );
      expect(err.extra.current).toEqual({
        version: before.coordination.version,
        mission: "M1",
        current_focus: "F1",
        progress: "",
        active_blockers: [],
      });
      expect(await snapshot(cid)).toEqual(before);
    });

    it("a matching expected_version applies the change", async () => {
      const cid = await newCoordination();
      const { version } = await getCoordination(cid);
      const r = await updateMission({ coordinationId: cid, mission: "M", expectedVersion: version, actor: COORDINATOR });
      expect(r.version).toBe(version + 1);
      expect((await getCoordination(cid)).mission).toBe("M");
    });
  });

  describe("progress", () => {
    it("updating progress stores it, adds one to version and logs progress {action: progress_updated, progress}", async () => {
      const cid = await newCoordination();
      const before = await getCoordination(cid);
      const r = await updateProgress({ coordinationId: cid, progress: "Pipeline deployed", actor: COORDINATOR });
      expect(r.version).toBe(before.version + 1);
      expect((await getCoordination(cid)).progress).toBe("Pipeline deployed");
      expect((await allUpdates(cid)).map(entry)).toEqual([
        { seq: 1, agentName: "Coordinator", updateType: "progress", content: { action: "progress_updated", progress: "Pipeline deployed" }, tags: [] },
      ]);
    });

    it("progress with a stale expected_version is a conflict with the current state and logs nothing", async () => {
      const cid = await newCoordination();
      await updateProgress({ coordinationId: cid, progress: "P1", actor: COORDINATOR });
      const before = await snapshot(cid);
      const err = await expectHuddleError(
        () => updateProgress({ coordinationId: cid, progress: "P2", expectedVersion: before.coordination.version + 5, actor: COORDINATOR }),
        "conflict",
      );
      expect(err.extra.current).toMatchObject({ version: before.coordination.version, progress: "P1" });
      expect(await snapshot(cid)).toEqual(before);
    });

    it("progress with the current expected_version applies", async () => {
      const cid = await newCoordination();
      const { version } = await getCoordination(cid);
      expect((await updateProgress({ coordinationId: cid, progress: "P", expectedVersion: version, actor: COORDINATOR })).progress).toBe("P");
    });
  });

  describe("blockers", () => {
    it("adding a new blocker reports added, logs blocker_add with the list and adds one to version", async () => {
      const cid = await newCoordination();
      const { version } = await getCoordination(cid);
      const first = await manageBlocker({ coordinationId: cid, action: "add", blocker: "API rate limit", actor: COORDINATOR });
      const second = await manageBlocker({ coordinationId: cid, action: "add", blocker: "No GPU", actor: COORDINATOR });
      expect(first).toMatchObject({ status: "added", activeBlockers: ["API rate limit"], version: version + 1 });
      expect(second).toMatchObject({ status: "added", activeBlockers: ["API rate limit", "No GPU"], version: version + 2 });
      expect((await getCoordination(cid)).activeBlockers).toEqual(["API rate limit", "No GPU"]);
      expect((await allUpdates(cid)).map((u) => [u.agentName, u.updateType, u.content])).toEqual([
        ["Coordinator", "blocker", { action: "blocker_add", blocker: "API rate limit", active_blockers: ["API rate limit"] }],
        ["Coordinator", "blocker", { action: "blocker_add", blocker: "No GPU", active_blockers: ["API rate limit", "No GPU"] }],
      ]);
    });

    it("a duplicate blocker is reported as already_exists, logs nothing and leaves the version", async () => {
      const cid = await newCoordination();
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "API rate limit", actor: COORDINATOR });
      const before = await snapshot(cid);
      const r = await manageBlocker({ coordinationId: cid, action: "add", blocker: "API rate limit", actor: COORDINATOR });
      expect(r).toEqual({ status: "already_exists", activeBlockers: ["API rate limit"], version: before.coordination.version, update: null });
      expect(await snapshot(cid)).toEqual(before);
    });

    it("removing a present blocker reports removed and logs blocker_remove with the remaining list", async () => {
      const cid = await newCoordination();
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "A", actor: COORDINATOR });
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "B", actor: COORDINATOR });
      const { version } = await getCoordination(cid);
      const r = await manageBlocker({ coordinationId: cid, action: "remove", blocker: "A", actor: COORDINATOR });
      expect(r).toMatchObject({ status: "removed", activeBlockers: ["B"], version: version + 1 });
      expect(r.update?.content).toEqual({ action: "blocker_remove", blocker: "A", active_blockers: ["B"] });
      expect((await getCoordination(cid)).activeBlockers).toEqual(["B"]);
      const log = await allUpdates(cid);
      expect(log.at(-1)?.content).toEqual({ action: "blocker_remove", blocker: "A", active_blockers: ["B"] });
    });

    it("removing a missing blocker is reported as not_found, logs nothing and leaves the version", async () => {
      const cid = await newCoordination();
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "A", actor: COORDINATOR });
      const before = await snapshot(cid);
      const r = await manageBlocker({ coordinationId: cid, action: "remove", blocker: "B", actor: COORDINATOR });
      expect(r).toEqual({ status: "not_found", activeBlockers: ["A"], version: before.coordination.version, update: null });
      expect(await snapshot(cid)).toEqual(before);
    });

    it("blockers match exactly: case and surrounding spaces make different blockers", async () => {
      const cid = await newCoordination();
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "Rate limit", actor: COORDINATOR });
      expect((await manageBlocker({ coordinationId: cid, action: "remove", blocker: "rate limit", actor: COORDINATOR })).status).toBe("not_found");
      expect((await manageBlocker({ coordinationId: cid, action: "remove", blocker: "Rate limit ", actor: COORDINATOR })).status).toBe("not_found");
      expect((await manageBlocker({ coordinationId: cid, action: "add", blocker: "Rate limit ", actor: COORDINATOR })).status).toBe("added");
      expect((await getCoordination(cid)).activeBlockers).toEqual(["Rate limit", "Rate limit "]);
      expect((await manageBlocker({ coordinationId: cid, action: "remove", blocker: "Rate limit", actor: COORDINATOR })).activeBlockers).toEqual([
        "Rate limit ",
      ]);
    });
  });

  describe("decisions and worker updates", () => {
    it("a decision with a rationale is logged as decision {decision, rationale} and adds one to version", async () => {
      const cid = await newCoordination();
      const { version } = await getCoordination(cid);
      const r = await logDecision({ coordinationId: cid, decision: "Use gradient boosting", rationale: "Best on validation", actor: COORDINATOR });
      expect(r.version).toBe(version + 1);
      expect(entry(r.update)).toEqual({
        seq: 1,
        agentName: "Coordinator",
        updateType: "decision",
        content: { decision: "Use gradient boosting", rationale: "Best on validation" },
        tags: [],
      });
      expect((await allUpdates(cid)).map(entry)).toEqual([entry(r.update)]);
    });

    it("a decision without a rationale is logged with rationale null", async () => {
      const cid = await newCoordination();
      await logDecision({ coordinationId: cid, decision: "Ship it", rationale: null, actor: COORDINATOR });
      expect((await allUpdates(cid))[0]?.content).toEqual({ decision: "Ship it", rationale: null });
    });

    it("listDecisions returns logged decisions (not mission changes), newest first", async () => {
      const cid = await newCoordination();
      await logDecision({ coordinationId: cid, decision: "D1", rationale: null, actor: COORDINATOR });
      await updateMission({ coordinationId: cid, mission: "M", actor: COORDINATOR });
      await logDecision({ coordinationId: cid, decision: "D2", rationale: "why", actor: COORDINATOR });
      await postUpdate({ coordinationId: cid, agentName: "W", updateType: "finding", content: { decision: "not one" }, tags: [] });
      expect((await listDecisions(cid)).map((u) => [u.seq, u.content])).toEqual([
        [3, { decision: "D2", rationale: "why" }],
        [1, { decision: "D1", rationale: null }],
      ]);
    });

    it("a worker update is stored with its agent, type, content and tags, gets the next seq and adds one to version", async () => {
      const cid = await newCoordination();
      const { version } = await getCoordination(cid);
      const u1 = await postUpdate({ coordinationId: cid, agentName: "Data Engineer", updateType: "finding", content: { a: 1 }, tags: ["x", "y"] });
      const u2 = await postUpdate({ coordinationId: cid, agentName: "Data Analyst", updateType: "artifact", content: { b: [1, 2] }, tags: [] });
      expect([u1.seq, u2.seq]).toEqual([1, 2]);
      const c = await getCoordination(cid);
      expect({ version: c.version, lastSeq: c.lastSeq }).toEqual({ version: version + 2, lastSeq: 2 });
      expect((await allUpdates(cid)).map(entry)).toEqual([
        { seq: 1, agentName: "Data Engineer", updateType: "finding", content: { a: 1 }, tags: ["x", "y"] },
        { seq: 2, agentName: "Data Analyst", updateType: "artifact", content: { b: [1, 2] }, tags: [] },
      ]);
    });

    it("every change to an unknown coordination is not_found", async () => {
      const cid = "no-such-coordination";
      await expectHuddleError(() => updateMission({ coordinationId: cid, mission: "M", actor: COORDINATOR }), "not_found");
      await expectHuddleError(() => updateProgress({ coordinationId: cid, progress: "P", actor: COORDINATOR }), "not_found");
      await expectHuddleError(() => manageBlocker({ coordinationId: cid, action: "add", blocker: "B", actor: COORDINATOR }), "not_found");
      await expectHuddleError(() => logDecision({ coordinationId: cid, decision: "D", rationale: null, actor: COORDINATOR }), "not_found");
      await expectHuddleError(
        () => postUpdate({ coordinationId: cid, agentName: "W", updateType: "finding", content: {}, tags: [] }),
        "not_found",
      );
      await expectHuddleError(() => listUpdates({ coordinationId: cid, afterSeq: 0, limit: 10 }), "not_found");
      await expectHuddleError(() => getTeamStatus(cid), "not_found");
      await expectHuddleError(() => getAgentView(cid, "W"), "not_found");
    });
  });

  describe("update log", () => {
    async function seededLog() {
      const cid = await newCoordination();
      const plan: Array<[string, "progress" | "finding" | "decision" | "artifact" | "blocker"]> = [
        ["A", "finding"],
        ["B", "progress"],
        ["A", "artifact"],
        ["C", "finding"],
        ["A", "finding"],
        ["B", "blocker"],
        ["C", "decision"],
      ];
      for (const [i, [agentName, updateType]] of plan.entries()) {
        await postUpdate({ coordinationId: cid, agentName, updateType, content: { i: i + 1 }, tags: [] });
      }
      return cid;
    }

    it("filters by update_type and by agent_name, alone and together, oldest first", async () => {
      const cid = await seededLog();
      const seqs = async (f: { updateType?: string; agentName?: string }) =>
        (await listUpdates({ coordinationId: cid, afterSeq: 0, limit: 100, ...f })).updates.map((u) => u.seq);
      expect(await seqs({})).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await seqs({ updateType: "finding" })).toEqual([1, 4, 5]);
      expect(await seqs({ agentName: "A" })).toEqual([1, 3, 5]);
      expect(await seqs({ updateType: "finding", agentName: "A" })).toEqual([1, 5]);
      expect(await seqs({ updateType: "decision", agentName: "A" })).toEqual([]);
    });

    it("pages with after_seq and limit: each page continues after next_after_seq until has_more is false", async () => {
      const cid = await seededLog();
      const pages: number[][] = [];
      let after = 0;
      for (;;) {
        const page = await listUpdates({ coordinationId: cid, afterSeq: after, limit: 3 });
        pages.push(page.updates.map((u) => u.seq));
        expect(page.nextAfterSeq).toBe(page.updates.at(-1)?.seq ?? after);
        after = page.nextAfterSeq;
        if (!page.hasMore) break;
      }
      expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
      const end = await listUpdates({ coordinationId: cid, afterSeq: 7, limit: 3 });
      expect(end).toEqual({ updates: [], nextAfterSeq: 7, hasMore: false });
    });

    it("pages a filtered log: next_after_seq is the last matching seq", async () => {
      const cid = await seededLog();
      const first = await listUpdates({ coordinationId: cid, afterSeq: 0, limit: 2, agentName: "A" });
      expect(first.updates.map((u) => u.seq)).toEqual([1, 3]);
      expect({ next: first.nextAfterSeq, more: first.hasMore }).toEqual({ next: 3, more: true });
      const second = await listUpdates({ coordinationId: cid, afterSeq: first.nextAfterSeq, limit: 2, agentName: "A" });
      expect(second.updates.map((u) => u.seq)).toEqual([5]);
      expect({ next: second.nextAfterSeq, more: second.hasMore }).toEqual({ next: 5, more: false });
    });
  });

  describe("team status", () => {
    it("an empty whiteboard reads Not set / None and 0 updates, exactly", async () => {
      const cid = await newCoordination();
      const { text } = await getTeamStatus(cid);
      expect(text).toBe(
        "Team Status:\nMission: Not set\nCurrent Focus: Not set\nProgress: Not set\nActive Blockers: None\n\nRecent Activity (0 updates):\n",
      );
    });

    it("lists the last 10 updates oldest first, N is the number listed, content is compact JSON cut at 100 characters", async () => {
      const cid = await newCoordination();
      await updateMission({ coordinationId: cid, mission: "Build recommendation system", currentFocus: "Feature extraction phase", actor: COORDINATOR });
      await updateProgress({ coordinationId: cid, progress: "Completed data collection, starting analysis", actor: COORDINATOR });
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "API rate limit issue", actor: COORDINATOR });
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "Missing labels", actor: COORDINATOR });
      for (let i = 1; i <= 8; i++) {
        await postUpdate({ coordinationId: cid, agentName: "Data Engineer", updateType: "finding", content: { step: i, ok: true }, tags: [] });
      }
      const long = { summary: "é".repeat(150) };
      await postUpdate({ coordinationId: cid, agentName: "ML Engineer", updateType: "artifact", content: long, tags: [] });
      // 13 updates: the status lists seq 4..13.
      const { text, status } = await getTeamStatus(cid);
      const longLine = `{"summary":"${"é".repeat(150)}"}`.slice(0, 100);
      expect(longLine).toHaveLength(100);
      expect(text).toBe(
        "Team Status:\n" +
          "Mission: Build recommendation system\n" +
          "Current Focus: Feature extraction phase\n" +
          "Progress: Completed data collection, starting analysis\n" +
          "Active Blockers: API rate limit issue, Missing labels\n" +
          "\n" +
          "Recent Activity (10 updates):\n" +
          '\n- [blocker] Coordinator: {"action":"blocker_add","blocker":"Missing labels","active_blockers":["API rate limit issue","Missing labels"]}'.slice(
            0,
            "\n- [blocker] Coordinator: ".length + 100,
          ) +
          [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `\n- [finding] Data Engineer: {"step":${i},"ok":true}`).join("") +
          `\n- [artifact] ML Engineer: ${longLine}`,
      );
      expect(status).toMatchObject({
        coordination_id: cid,
        mission: "Build recommendation system",
        current_focus: "Feature extraction phase",
        progress: "Completed data collection, starting analysis",
        active_blockers: ["API rate limit issue", "Missing labels"],
        team_roles: SEED_TEAM_ROLES,
        last_seq: 13,
      });
      expect(status.recent_updates.map((u) => u.seq)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    });

    it("with fewer than 10 updates lists them all and says how many", async () => {
      const cid = await newCoordination();
      await postUpdate({ coordinationId: cid, agentName: "A", updateType: "progress", content: { msg: "Data pipeline deployed successfully" }, tags: [] });
      await logDecision({ coordinationId: cid, decision: "Gradient boosting", rationale: null, actor: "ML Engineer" });
      const { text } = await getTeamStatus(cid);
      expect(text).toBe(
        "Team Status:\nMission: Not set\nCurrent Focus: Not set\nProgress: Not set\nActive Blockers: None\n\n" +
          "Recent Activity (2 updates):\n" +
          '\n- [progress] A: {"msg":"Data pipeline deployed successfully"}' +
          '\n- [decision] ML Engineer: {"decision":"Gradient boosting","rationale":null}',
      );
    });
  });

  describe("agent view", () => {
    it("an empty whiteboard gives only the [Whiteboard] line, and my_role is empty for a member without a role", async () => {
      const cid = await newCoordination();
      const view = await getAgentView(cid, "Stranger");
      expect(view).toMatchObject({
        mission: "",
        current_focus: "",
        progress: "",
        my_role: "",
        team_roles: SEED_TEAM_ROLES,
        active_blockers: [],
        recent_updates: [],
        context_message: "[Whiteboard]",
      });
    });

    it("my_role comes from team_roles and is the only part when nothing else is set", async () => {
      const cid = await newCoordination();
      expect((await getAgentView(cid, "Data Analyst")).context_message).toBe("[Whiteboard]\nYour Role: Analysis & Insights");
    });

    it("context_message joins the non-empty parts by blank lines under [Whiteboard], with the last 5 updates", async () => {
      const cid = await newCoordination();
      await updateMission({ coordinationId: cid, mission: "Build churn prediction", currentFocus: "Pipelines", actor: COORDINATOR });
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "A", actor: COORDINATOR });
      await manageBlocker({ coordinationId: cid, action: "add", blocker: "B", actor: COORDINATOR });
      for (let i = 1; i <= 9; i++) {
        await postUpdate({ coordinationId: cid, agentName: `W${i}`, updateType: "finding", content: { n: i }, tags: [] });
      }
      const view = await getAgentView(cid, "ML Engineer");
      // 12 updates: recent_updates are the last 10 (seq 3..12), the message shows the last 5.
      expect(view.recent_updates.map((u) => u.seq)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(view.my_role).toBe("Model Development");
      expect(view.progress).toBe("");
      expect(view.context_message).toBe(
        "[Whiteboard]\n" +
          "Mission: Build churn prediction\n\n" +
          "Current Focus: Pipelines\n\n" +
          "Your Role: Model Development\n\n" +
          "Active Blockers: A, B\n\n" +
          "Recent Team Updates:\n" +
          [5, 6, 7, 8, 9].map((i) => `  - [finding] W${i}: {"n":${i}}`).join("\n"),
      );
    });

    it("the view's recent updates cut long content at 100 characters like the team status", async () => {
      const cid = await newCoordination({});
      await postUpdate({ coordinationId: cid, agentName: "W", updateType: "finding", content: { text: "x".repeat(300) }, tags: [] });
      const view = await getAgentView(cid, "W");
      expect(view.context_message).toBe(`[Whiteboard]\nRecent Team Updates:\n  - [finding] W: ${`{"text":"${"x".repeat(300)}`.slice(0, 100)}`);
    });
  });

  describe("the seed's worked example", () => {
    it("mission, delegation, worker findings, progress and a blocker all reach the ML Engineer's view", async () => {
      const cid = await newCoordination();
      // 1. The coordinator sets the mission.
      expect(
        await runTool(
          cid,
          "update_mission_func",
          { mission: "Build customer churn prediction system", current_focus: "Data collection and pipeline setup" },
          COORDINATOR,
        ),
      ).toBe("Mission updated: Build customer churn prediction system\nCurrent focus: Data collection and pipeline setup");
      // 2-3. Delegation: each worker gets its view before it runs.
      const engineerView = await getAgentView(cid, "Data Engineer");
      expect(engineerView).toMatchObject({
        mission: "Build customer churn prediction system",
        current_focus: "Data collection and pipeline setup",
        my_role: "Infrastructure & Data",
      });
      expect(engineerView.context_message).toBe(
        "[Whiteboard]\nMission: Build customer churn prediction system\n\nCurrent Focus: Data collection and pipeline setup\n\n" +
          "Your Role: Infrastructure & Data\n\nRecent Team Updates:\n" +
          `  - [decision] Coordinator: ${JSON.stringify({
            action: "mission_updated",
            mission: "Build customer churn prediction system",
            focus: "Data collection and pipeline setup",
          }).slice(0, 100)}`,
      );
      // 4. Workers log their results.
      const engineerFinding = {
        task: "Set up data pipeline for customer data",
        response_summary: "Data pipeline deployed successfully...",
        status: "completed",
      };
      const analystFinding = { task: "Analyze customer behavior patterns", response_summary: "Found churn indicators", status: "completed" };
      await postUpdate({
        coordinationId: cid,
        agentName: "Data Engineer",
        updateType: "finding",
        content: engineerFinding,
        tags: ["worker_response", "data_engineer"],
      });
      await postUpdate({
        coordinationId: cid,
        agentName: "Data Analyst",
        updateType: "finding",
        content: analystFinding,
        tags: ["worker_response", "data_analyst"],
      });
      // 5. The coordinator tracks progress and a blocker.
      expect(await runTool(cid, "update_progress_func", { progress: "Data pipeline deployed, analysis in progress" }, COORDINATOR)).toBe(
        "Progress updated: Data pipeline deployed, analysis in progress",
      );
      expect(await runTool(cid, "manage_blocker_func", { action: "add", blocker: "API rate limit reached" }, COORDINATOR)).toBe(
        "Blocker added: API rate limit reached\nActive blockers: API rate limit reached",
      );
      // 6. The next worker sees all of it.
      const view = await getAgentView(cid, "ML Engineer");
      expect(view).toMatchObject({
        mission: "Build customer churn prediction system",
        current_focus: "Data collection and pipeline setup",
        my_role: "Model Development",
        progress: "Data pipeline deployed, analysis in progress",
        active_blockers: ["API rate limit reached"],
      });
      expect(view.recent_updates.map((u) => [u.agent_name, u.update_type, u.tags])).toEqual([
        ["Coordinator", "decision", []],
        ["Data Engineer", "finding", ["worker_response", "data_engineer"]],
        ["Data Analyst", "finding", ["worker_response", "data_analyst"]],
        ["Coordinator", "progress", []],
        ["Coordinator", "blocker", []],
      ]);
      expect(view.recent_updates[1]?.content).toEqual(engineerFinding);
      const line = (type: string, agent: string, content: unknown) => `  - [${type}] ${agent}: ${JSON.stringify(content).slice(0, 100)}`;
      expect(view.context_message).toBe(
        [
          "[Whiteboard]\nMission: Build customer churn prediction system",
          "Current Focus: Data collection and pipeline setup",
          "Your Role: Model Development",
          "Active Blockers: API rate limit reached",
          "Recent Team Updates:\n" +
            [
              line("decision", "Coordinator", {
                action: "mission_updated",
                mission: "Build customer churn prediction system",
                focus: "Data collection and pipeline setup",
              }),
              line("finding", "Data Engineer", engineerFinding),
              line("finding", "Data Analyst", analystFinding),
              line("progress", "Coordinator", { action: "progress_updated", progress: "Data pipeline deployed, analysis in progress" }),
              line("blocker", "Coordinator", {
                action: "blocker_add",
                blocker: "API rate limit reached",
                active_blockers: ["API rate limit reached"],
              }),
            ].join("\n"),
        ].join("\n\n"),
      );
      // The seed's own test: mission and progress set, updates logged, the coordinator's among them.
      const c = await getCoordination(cid);
      expect(c.mission).not.toBe("");
      expect(c.progress).not.toBe("");
      expect((await allUpdates(cid)).filter((u) => u.agentName === "Coordinator")).toHaveLength(3);
    });
  });

  describe("coordinator tools", () => {
    it("update_mission_func and update_progress_func answer with the seed's texts", async () => {
      const cid = await newCoordination();
      expect(await runTool(cid, "update_mission_func", { mission: "M", current_focus: "F" }, COORDINATOR)).toBe("Mission updated: M\nCurrent focus: F");
      expect(await runTool(cid, "update_mission_func", { current_focus: "F2" }, COORDINATOR)).toBe("Mission updated: M\nCurrent focus: F2");
      expect(await runTool(cid, "update_progress_func", { progress: "Halfway" }, COORDINATOR)).toBe("Progress updated: Halfway");
      const c = await getCoordination(cid);
      expect([c.mission, c.currentFocus, c.progress]).toEqual(["M", "F2", "Halfway"]);
    });

    it("manage_blocker_func answers each of the four statuses with the active list or None", async () => {
      const cid = await newCoordination();
      const call = (action: string, blocker: string) => runTool(cid, "manage_blocker_func", { action, blocker }, COORDINATOR);
      expect(await call("add", "A")).toBe("Blocker added: A\nActive blockers: A");
      expect(await call("add", "B")).toBe("Blocker added: B\nActive blockers: A, B");
      expect(await call("add", "A")).toBe("Blocker already_exists: A\nActive blockers: A, B");
      expect(await call("remove", "A")).toBe("Blocker removed: A\nActive blockers: B");
      expect(await call("remove", "A")).toBe("Blocker not_found: A\nActive blockers: B");
      expect(await call("remove", "B")).toBe("Blocker removed: B\nActive blockers: None");
      expect((await allUpdates(cid)).map((u) => (u.content as { action: string }).action)).toEqual([
        "blocker_add",
        "blocker_add",
        "blocker_remove",
        "blocker_remove",
      ]);
    });

    it("manage_blocker_func with an unknown action answers Invalid action and changes nothing", async () => {
      const cid = await newCoordination();
      await runTool(cid, "manage_blocker_func", { action: "add", blocker: "A" }, COORDINATOR);
      const before = await snapshot(cid);
      expect(await runTool(cid, "manage_blocker_func", { action: "resolve", blocker: "A" }, COORDINATOR)).toBe(
        "Invalid action: resolve. Use 'add' or 'remove'.",
      );
      expect(await runTool(cid, "manage_blocker_func", { action: "ADD", blocker: "C" }, COORDINATOR)).toBe(
        "Invalid action: ADD. Use 'add' or 'remove'.",
      );
      expect(await snapshot(cid)).toEqual(before);
    });

    it("log_decision_func answers Decision logged and logs the rationale or null", async () => {
      const cid = await newCoordination();
      expect(await runTool(cid, "log_decision_func", { decision: "Use XGBoost", rationale: "Fast" }, COORDINATOR)).toBe("Decision logged: Use XGBoost");
      expect(await runTool(cid, "log_decision_func", { decision: "Skip deep nets" }, COORDINATOR)).toBe("Decision logged: Skip deep nets");
      expect((await allUpdates(cid)).map((u) => [u.agentName, u.content])).toEqual([
        ["Coordinator", { decision: "Use XGBoost", rationale: "Fast" }],
        ["Coordinator", { decision: "Skip deep nets", rationale: null }],
      ]);
    });

    it("get_team_status_func answers the team status text and changes nothing", async () => {
      const cid = await newCoordination();
      await runTool(cid, "update_progress_func", { progress: "P" }, COORDINATOR);
      const before = await snapshot(cid);
      const text = await runTool(cid, "get_team_status_func", {}, COORDINATOR);
      expect(text).toBe((await getTeamStatus(cid)).text);
      expect(text).toBe(
        'Team Status:\nMission: Not set\nCurrent Focus: Not set\nProgress: P\nActive Blockers: None\n\nRecent Activity (1 updates):\n\n- [progress] Coordinator: {"action":"progress_updated","progress":"P"}',
      );
      expect(await runTool(cid, "get_team_status_func", undefined, COORDINATOR)).toBe(text);
      expect(await snapshot(cid)).toEqual(before);
    });

    it("an unknown tool is not_found and changes nothing", async () => {
      const cid = await newCoordination();
      const before = await snapshot(cid);
      await expectHuddleError(() => runTool(cid, "delete_everything_func", {}, COORDINATOR), "not_found");
      await expectHuddleError(() => runTool(cid, "update_mission", { mission: "M" }, COORDINATOR), "not_found");
      expect(await snapshot(cid)).toEqual(before);
    });

    it.each([
      ["update_mission_func", { mission: 5 }],
      ["update_mission_func", {}],
      ["update_mission_func", { mission: "", current_focus: "  " }],
      ["update_mission_func", { mission: "M", extra: true }],
      ["update_mission_func", "Build it"],
      ["update_progress_func", {}],
      ["update_progress_func", { progress: "" }],
      ["update_progress_func", { progress: ["a"] }],
      ["update_progress_func", [1, 2]],
      ["manage_blocker_func", { action: "add" }],
      ["manage_blocker_func", { action: "add", blocker: 3 }],
      ["manage_blocker_func", { action: "add", blocker: "" }],
      ["manage_blocker_func", { action: 1, blocker: "B" }],
      ["log_decision_func", { rationale: "why" }],
      ["log_decision_func", { decision: "D", rationale: 7 }],
      ["get_team_status_func", "status please"],
    ])("%s with arguments %j is a validation error and changes nothing", async (name, args) => {
      const cid = await newCoordination();
      await runTool(cid, "update_mission_func", { mission: "Keep", current_focus: "Keep" }, COORDINATOR);
      const before = await snapshot(cid);
      const err = await expectHuddleError(() => runTool(cid, name, args, COORDINATOR), "validation_error");
      expect(err.extra.details?.length, "details list the problems").toBeGreaterThan(0);
      expect(await snapshot(cid)).toEqual(before);
    });

    it("the tool definitions name the five seed tools with object input schemas, in both formats", () => {
      const anthropic = toolDefinitions("anthropic") as { tools: Array<{ name: string; description: string; input_schema: Record<string, unknown> }> };
      expect(anthropic.tools.map((t) => t.name)).toEqual([
        "update_mission_func",
        "update_progress_func",
        "manage_blocker_func",
        "log_decision_func",
        "get_team_status_func",
      ]);
      for (const t of anthropic.tools) {
        expect(t.description.length).toBeGreaterThan(10);
        expect(t.input_schema.type).toBe("object");
      }
      const byName = Object.fromEntries(anthropic.tools.map((t) => [t.name, t.input_schema]));
      expect(byName.manage_blocker_func).toMatchObject({ properties: { action: { type: "string" }, blocker: { type: "string" } } });
      expect(byName.manage_blocker_func?.required).toEqual(["action", "blocker"]);
      expect(byName.update_progress_func?.required).toEqual(["progress"]);
      expect(byName.log_decision_func?.required).toEqual(["decision"]);
      const openai = toolDefinitions("openai");
      expect(openai.tools).toEqual(
        anthropic.tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.input_schema } })),
      );
    });
  });

  describe("versions and concurrency", () => {
    it("every change adds exactly one to version and one entry to the log, and no reader ever sees one without the other", async () => {
      const cid = await newCoordination();
      const base = await getCoordination(cid);
      const { getPrisma } = await import("../lib/db");
      const prisma = await getPrisma();
      const changes: Array<() => Promise<unknown>> = [];
      for (let i = 0; i < 10; i++) {
        changes.push(
          () => updateMission({ coordinationId: cid, mission: `M${i}`, actor: COORDINATOR }),
          () => updateProgress({ coordinationId: cid, progress: `P${i}`, actor: COORDINATOR }),
          () => manageBlocker({ coordinationId: cid, action: "add", blocker: `B${i}`, actor: COORDINATOR }),
          () => logDecision({ coordinationId: cid, decision: `D${i}`, rationale: null, actor: COORDINATOR }),
          () => postUpdate({ coordinationId: cid, agentName: "W", updateType: "finding", content: { i }, tags: [] }),
        );
      }
      let writing = true;
      // Samples the three numbers in one statement (one snapshot) while the changes run.
      const samples: Array<{ version: number; last_seq: number; logged: number }> = [];
      const reader = (async () => {
        while (writing) {
          const rows = await prisma.$queryRaw<Array<{ version: number; last_seq: number; logged: bigint }>>`
            SELECT c.version, c.last_seq, (SELECT count(*) FROM updates u WHERE u.coordination_id = c.id) AS logged
              FROM coordinations c WHERE c.id = ${cid}`;
          const r = rows[0]!;
          samples.push({ version: r.version, last_seq: r.last_seq, logged: Number(r.logged) });
        }
      })();
      await Promise.all(changes.map((change) => change()));
      writing = false;
      await reader;
      expect(samples.length, "the reader took samples").toBeGreaterThan(0);
      const inconsistent = samples.filter((s) => s.version - base.version !== s.logged || s.last_seq !== s.logged);
      expect(inconsistent, `samples where version, last_seq and the log disagree (base version ${base.version})`).toEqual([]);
      const after = await getCoordination(cid);
      expect({ version: after.version, lastSeq: after.lastSeq }).toEqual({ version: base.version + changes.length, lastSeq: changes.length });
      expect((await allUpdates(cid)).map((u) => u.seq)).toEqual(Array.from({ length: changes.length }, (_, i) => i + 1));
    });

    it("50 concurrent posters get seq 1..50 with no gap and no duplicate, and every post is in the log", async () => {
      const cid = await newCoordination();
      const base = await getCoordination(cid);
      const posted = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          postUpdate({ coordinationId: cid, agentName: `poster-${i}`, updateType: "finding", content: { poster: i }, tags: [`p${i}`] }),
        ),
      );
      expect(posted.map((u) => u.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const log = await allUpdates(cid);
      expect(log.map((u) => u.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const bySeq = new Map(log.map((u) => [u.seq, u]));
      for (const [i, u] of posted.entries()) {
        expect(entry(bySeq.get(u.seq)!)).toEqual({ seq: u.seq, agentName: `poster-${i}`, updateType: "finding", content: { poster: i }, tags: [`p${i}`] });
      }
      const times = log.map((u) => u.createdAt.getTime());
      const backwards = log.filter((u, i) => i > 0 && times[i]! < times[i - 1]!).map((u) => `seq ${u.seq} at ${u.createdAt.toISOString()}`);
      expect(backwards, "created_at never goes back as seq goes up").toEqual([]);
      const after = await getCoordination(cid);
      expect({ version: after.version, lastSeq: after.lastSeq }).toEqual({ version: base.version + 50, lastSeq: 50 });
      expect(after.lastActivityAt.getTime(), "last activity is the last post's time").toBe(times.at(-1));
    });
  });
});
