// How every change to a coordination is written. A change runs in one transaction that first
// locks the coordination row (SELECT ... FOR UPDATE). Every writer of a coordination, whether it
// touches the whiteboard, the update log or an agent's context, takes that lock first, so writers
// of one coordination run one after another: `version` and `seq` move by exactly one per change
// with no gap, and read-modify-write of JSON (shared intelligence merges) never loses an update.
// Writers of different coordinations never wait for each other. Events are published only after
// the transaction has committed.
import { getPrisma, Prisma, type PrismaClient } from "../db";
import { publish } from "../realtime/publisher";
import type { HuddleEvent } from "../realtime/events";
import { NotFound } from "./errors";
import type { Coordination } from "./coordinations";

export type Tx = Prisma.TransactionClient;

/** The coordination row as a writer holds it (locked): everything but the agent count. */
export type LockedCoordination = Omit<Coordination, "agentCount">;

// Under load many requests queue on one coordination's lock; give them time rather than failing.
const TX_OPTIONS = { maxWait: 20_000, timeout: 30_000 } as const;

export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma: PrismaClient = await getPrisma();
  return prisma.$transaction(fn, TX_OPTIONS);
}

export async function lockCoordination(tx: Tx, coordinationId: string): Promise<LockedCoordination | undefined> {
  const rows = await tx.$queryRaw<
    Array<{
      id: string;
      session_id: string;
      parent_workflow_id: string | null;
      workflow_type: string | null;
      mission: string;
      current_focus: string;
      progress: string;
      active_blockers: string[];
      team_roles: Record<string, string>;
      version: number;
      last_seq: number;
      created_at: Date;
      last_activity_at: Date;
    }>
  >`SELECT id, session_id, parent_workflow_id, workflow_type, mission, current_focus, progress,
           active_blockers, team_roles, version, last_seq, created_at, last_activity_at
      FROM coordinations WHERE id = ${coordinationId} FOR UPDATE`;
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    sessionId: r.session_id,
    parentWorkflowId: r.parent_workflow_id,
    workflowType: r.workflow_type,
    mission: r.mission,
    currentFocus: r.current_focus,
    progress: r.progress,
    activeBlockers: r.active_blockers,
    teamRoles: r.team_roles,
    version: r.version,
    lastSeq: r.last_seq,
    createdAt: r.created_at,
    lastActivityAt: r.last_activity_at,
  };
}

export function coordinationNotFound(coordinationId: string) {
  return NotFound(`coordination '${coordinationId}' not found`);
}

/**
 * Runs `fn` inside a transaction holding the coordination's lock; publishes the events it
 * returns once the transaction has committed.
 */
export async function changeCoordination<T>(
  coordinationId: string,
  fn: (tx: Tx, coordination: LockedCoordination) => Promise<{ result: T; events: HuddleEvent[] }>,
): Promise<T> {
  const { result, events } = await transaction(async (tx) => {
    const coordination = await lockCoordination(tx, coordinationId);
    if (!coordination) throw coordinationNotFound(coordinationId);
    return fn(tx, coordination);
  });
  publish(events);
  return result;
}

/** Bumps the coordination's version (and activity time), with any whiteboard fields; returns the new version. */
export async function bumpVersion(
  tx: Tx,
  coordination: LockedCoordination,
  data: Prisma.CoordinationUpdateInput = {},
): Promise<number> {
  const version = coordination.version + 1;
  await tx.coordination.update({
    where: { id: coordination.id },
    data: { ...data, version, lastActivityAt: new Date() },
  });
  coordination.version = version;
  return version;
}
