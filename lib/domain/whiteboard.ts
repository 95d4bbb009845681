// The coordinator's whiteboard (seed 003): mission and focus, progress, blockers, decisions,
// worker updates, team status and agent views. Each change logs its update and bumps the
// version in one transaction (updates.recordChange); reads render the seed's texts. Never
// touches agent contexts.
import { getPrisma } from "../db";
import type { Update, UpdateType } from "../schemas/whiteboard";
import { toUpdateDto } from "../schemas/whiteboard";
import { getCoordination, type Coordination } from "./coordinations";
import { Conflict } from "./errors";
import { appendUpdate, recentUpdates, recordChange } from "./updates";
import { publish } from "../realtime/publisher";
import { changeCoordination, type LockedCoordination } from "./tx";

/** Who made a change: an agent id, "Coordinator", or an operator. */
export type Actor = string;

export const COORDINATOR: Actor = "Coordinator";

function checkExpectedVersion(coordination: LockedCoordination, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== coordination.version) {
    throw Conflict(`coordination '${coordination.id}' is at version ${coordination.version}, not ${expectedVersion}`, {
      version: coordination.version,
      mission: coordination.mission,
      current_focus: coordination.currentFocus,
      progress: coordination.progress,
      active_blockers: coordination.activeBlockers,
    });
  }
}

export interface WhiteboardChange {
  version: number;
  update: Update;
  mission: string;
  currentFocus: string;
  progress: string;
  activeBlockers: string[];
}

function changeOf(c: LockedCoordination, version: number, update: Update): WhiteboardChange {
  return { version, update, mission: c.mission, currentFocus: c.currentFocus, progress: c.progress, activeBlockers: c.activeBlockers };
}

/** Sets the mission and/or current focus; a missing or empty field is left as it was. */
export async function updateMission(input: {
  coordinationId: string;
  mission?: string;
  currentFocus?: string;
  expectedVersion?: number;
  actor: Actor;
}): Promise<WhiteboardChange> {
  return changeCoordination(input.coordinationId, async (tx, c) => {
    checkExpectedVersion(c, input.expectedVersion);
    c.mission = input.mission?.trim() ? input.mission : c.mission;
    c.currentFocus = input.currentFocus?.trim() ? input.currentFocus : c.currentFocus;
    const { update, version, events } = await recordChange(tx, c, {
      kind: "mission",
      data: { mission: c.mission, currentFocus: c.currentFocus },
      update: {
        agentName: input.actor,
        updateType: "decision",
        content: { action: "mission_updated", mission: c.mission, focus: c.currentFocus },
      },
    });
    return { result: changeOf(c, version, update), events };
  });
}

export async function updateProgress(input: {
  coordinationId: string;
  progress: string;
  expectedVersion?: number;
  actor: Actor;
}): Promise<WhiteboardChange> {
  return changeCoordination(input.coordinationId, async (tx, c) => {
    checkExpectedVersion(c, input.expectedVersion);
    c.progress = input.progress;
    const { update, version, events } = await recordChange(tx, c, {
      kind: "progress",
      data: { progress: c.progress },
      update: { agentName: input.actor, updateType: "progress", content: { action: "progress_updated", progress: c.progress } },
    });
    return { result: changeOf(c, version, update), events };
  });
}

export type BlockerStatus = "added" | "already_exists" | "removed" | "not_found";
export interface BlockerResult {
  status: BlockerStatus;
  activeBlockers: string[];
  version: number;
  update: Update | null;
}

/**
 * Adds or removes a blocker (exact match). A duplicate add or a missing remove changes
 * nothing and logs nothing.
 */
export async function manageBlocker(input: {
  coordinationId: string;
  action: "add" | "remove";
  blocker: string;
  actor: Actor;
}): Promise<BlockerResult> {
  return changeCoordination<BlockerResult>(input.coordinationId, async (tx, c) => {
    const present = c.activeBlockers.includes(input.blocker);
    if (input.action === "add" ? present : !present) {
      return {
        result: { status: input.action === "add" ? "already_exists" : "not_found", activeBlockers: c.activeBlockers, version: c.version, update: null },
        events: [],
      };
    }
    c.activeBlockers =
      input.action === "add" ? [...c.activeBlockers, input.blocker] : c.activeBlockers.filter((b) => b !== input.blocker);
    const { update, version, events } = await recordChange(tx, c, {
      kind: "blockers",
      data: { activeBlockers: c.activeBlockers },
      update: {
        agentName: input.actor,
        updateType: "blocker",
        content: { action: `blocker_${input.action}`, blocker: input.blocker, active_blockers: c.activeBlockers },
      },
    });
    return {
      result: { status: input.action === "add" ? "added" : "removed", activeBlockers: c.activeBlockers, version, update },
      events,
    };
  });
}

export async function logDecision(input: {
  coordinationId: string;
  decision: string;
  rationale: string | null;
  actor: Actor;
}): Promise<{ version: number; update: Update }> {
  const { update, version, events } = await appendUpdate(
    input.coordinationId,
    { agentName: input.actor, updateType: "decision", content: { decision: input.decision, rationale: input.rationale } },
    "decision",
  );
  publish(events);
  return { version, update };
}

/** A worker's (or anyone's) entry in the log: a finding, progress, an artifact, ... */
export async function postUpdate(input: {
  coordinationId: string;
  agentName: string;
  updateType: UpdateType;
  content: Record<string, unknown>;
  tags: string[];
}): Promise<Update> {
  const { update, events } = await appendUpdate(
    input.coordinationId,
    { agentName: input.agentName, updateType: input.updateType, content: input.content, tags: input.tags },
    "update",
  );
  publish(events);
  return update;
}

/** Content as one line: compact JSON cut at 100 characters (the seed's rendering). */
export function renderContent(content: unknown): string {
  return Array.from(JSON.stringify(content) ?? "null").slice(0, 100).join("");
}

export function renderUpdateLine(u: Update): string {
  return `[${u.updateType}] ${u.agentName}: ${renderContent(u.content)}`;
}

export function renderTeamStatus(c: Pick<Coordination, "mission" | "currentFocus" | "progress" | "activeBlockers">, recent: Update[]): string {
  let text =
    `Team Status:\nMission: ${c.mission || "Not set"}\nCurrent Focus: ${c.currentFocus || "Not set"}\n` +
    `Progress: ${c.progress || "Not set"}\nActive Blockers: ${c.activeBlockers.length ? c.activeBlockers.join(", ") : "None"}\n\n` +
    `Recent Activity (${recent.length} updates):\n`;
  for (const u of recent) text += `\n- ${renderUpdateLine(u)}`;
  return text;
}

export const TEAM_STATUS_UPDATES = 10;

export async function getTeamStatus(coordinationId: string) {
  const [coordination, recent] = await Promise.all([
    getCoordination(coordinationId),
    recentUpdates(coordinationId, TEAM_STATUS_UPDATES),
  ]);
  return {
    text: renderTeamStatus(coordination, recent),
    status: {
      coordination_id: coordination.id,
      mission: coordination.mission,
      current_focus: coordination.currentFocus,
      progress: coordination.progress,
      active_blockers: coordination.activeBlockers,
      team_roles: coordination.teamRoles,
      version: coordination.version,
      last_seq: coordination.lastSeq,
      recent_updates: recent.map(toUpdateDto),
    },
  };
}

export function renderContextMessage(view: {
  mission: string;
  currentFocus: string;
  myRole: string;
  activeBlockers: string[];
  recentUpdates: Update[];
}): string {
  const parts: string[] = [];
  if (view.mission) parts.push(`Mission: ${view.mission}`);
  if (view.currentFocus) parts.push(`Current Focus: ${view.currentFocus}`);
  if (view.myRole) parts.push(`Your Role: ${view.myRole}`);
  if (view.activeBlockers.length) parts.push(`Active Blockers: ${view.activeBlockers.join(", ")}`);
  const lastFive = view.recentUpdates.slice(-5);
  if (lastFive.length) parts.push(`Recent Team Updates:\n${lastFive.map((u) => `  - ${renderUpdateLine(u)}`).join("\n")}`);
  return ["[Whiteboard]", parts.join("\n\n")].filter(Boolean).join("\n");
}

/** What a worker sees of the whiteboard, and the same as a prompt-ready text block. */
export async function getAgentView(coordinationId: string, agentId: string) {
  const [coordination, recent] = await Promise.all([
    getCoordination(coordinationId),
    recentUpdates(coordinationId, TEAM_STATUS_UPDATES),
  ]);
  const myRole = coordination.teamRoles[agentId] ?? "";
  return {
    coordination_id: coordination.id,
    agent_id: agentId,
    mission: coordination.mission,
    current_focus: coordination.currentFocus,
    progress: coordination.progress,
    my_role: myRole,
    team_roles: coordination.teamRoles,
    active_blockers: coordination.activeBlockers,
    recent_updates: recent.map(toUpdateDto),
    last_activity: coordination.lastActivityAt.toISOString(),
    version: coordination.version,
    context_message: renderContextMessage({
      mission: coordination.mission,
      currentFocus: coordination.currentFocus,
      myRole,
      activeBlockers: coordination.activeBlockers,
      recentUpdates: recent,
    }),
  };
}

/** Decisions logged with log_decision (not mission changes), newest first, for the UI. */
export async function listDecisions(coordinationId: string, limit = 50): Promise<Update[]> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRaw<
    Array<{ seq: number; agent_name: string; content: Record<string, unknown>; tags: string[]; created_at: Date }>
  >`SELECT seq, agent_name, content, tags, created_at FROM updates
     WHERE coordination_id = ${coordinationId} AND update_type = 'decision' AND content::jsonb ? 'decision'
     ORDER BY seq DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    coordinationId,
    seq: r.seq,
    agentName: r.agent_name,
    updateType: "decision",
    content: r.content,
    tags: r.tags,
    createdAt: r.created_at,
  }));
}
