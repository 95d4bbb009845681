// The update log: append (inside a coordination change) and read. seq is last_seq + 1 of the
// locked coordination row, so it has no gaps and no duplicates. Never deletes or edits an entry.
import { getPrisma } from "../db";
import type { Prisma } from "../db";
import { toUpdateDto, type Update, type UpdateType } from "../schemas/whiteboard";
import type { HuddleEvent, ChangeKind, UpdateEvent } from "../realtime/events";
import { bumpVersion, coordinationNotFound, type LockedCoordination, type Tx } from "./tx";

export interface NewUpdate {
  agentName: string;
  updateType: UpdateType;
  content: Record<string, unknown>;
  tags?: string[];
}

/**
 * Writes one log entry and the coordination's new state (version + 1) in the caller's
 * transaction; returns the events to publish after commit.
 */
export async function recordChange(
  tx: Tx,
  coordination: LockedCoordination,
  { update, data = {}, kind }: { update: NewUpdate; data?: Prisma.CoordinationUpdateInput; kind: ChangeKind },
): Promise<{ update: Update; version: number; events: HuddleEvent[] }> {
  const seq = coordination.lastSeq + 1;
  const row = await tx.update.create({
    data: {
      coordinationId: coordination.id,
      seq,
      agentName: update.agentName,
      updateType: update.updateType,
      content: update.content as Prisma.InputJsonValue,
      tags: update.tags ?? [],
    },
  });
  const version = await bumpVersion(tx, coordination, { ...data, lastSeq: seq });
  coordination.lastSeq = seq;
  const saved = toUpdate(row);
  return {
    update: saved,
    version,
    events: [
      { type: "update", update: toUpdateDto(saved) },
      { type: "changed", changed: { coordination_id: coordination.id, version, kind } },
    ],
  };
}

/**
 * Appends one log entry as a single statement: the UPDATE takes the coordination's row lock,
 * moves last_seq and version by one, and the INSERT uses the new seq, all atomically. It needs no
 * interactive transaction, so the lock is held for microseconds: this is the hot path (workers
 * posting), and it interleaves correctly with changeCoordination, which takes the same lock.
 * The time is clock_timestamp(), read once the lock is held: now() is the statement's start, so a
 * post that waited for the lock would get an earlier created_at than the seq before it.
 */
export async function appendUpdate(
  coordinationId: string,
  update: NewUpdate,
  kind: ChangeKind,
): Promise<{ update: Update; version: number; events: HuddleEvent[] }> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRaw<Array<{ seq: number; version: number; created_at: Date }>>`
    WITH c AS (
      UPDATE coordinations
         SET last_seq = last_seq + 1, version = version + 1, last_activity_at = clock_timestamp()
       WHERE id = ${coordinationId}
   RETURNING id, last_seq, version, last_activity_at
    )
    INSERT INTO updates (coordination_id, seq, agent_name, update_type, content, tags, created_at)
    SELECT c.id, c.last_seq, ${update.agentName}, ${update.updateType}, ${JSON.stringify(update.content)}::json,
           ${update.tags ?? []}::text[], c.last_activity_at
      FROM c
 RETURNING seq, created_at, (SELECT version FROM c) AS version`;
  const row = rows[0];
  if (!row) throw coordinationNotFound(coordinationId);
  const saved: Update = {
    coordinationId,
    seq: row.seq,
    agentName: update.agentName,
    updateType: update.updateType,
    content: update.content,
    tags: update.tags ?? [],
    createdAt: row.created_at,
  };
  return {
    update: saved,
    version: row.version,
    events: [
      { type: "update", update: toUpdateDto(saved) },
      { type: "changed", changed: { coordination_id: coordinationId, version: row.version, kind } },
    ],
  };
}

function toUpdate(row: {
  coordinationId: string;
  seq: number;
  agentName: string;
  updateType: string;
  content: unknown;
  tags: string[];
  createdAt: Date;
}): Update {
  return { ...row, content: row.content as Record<string, unknown> };
}

export async function getCoordinationHead(coordinationId: string): Promise<{ version: number; lastSeq: number }> {
  const prisma = await getPrisma();
  const row = await prisma.coordination.findUnique({
    where: { id: coordinationId },
    select: { version: true, lastSeq: true },
  });
  if (!row) throw coordinationNotFound(coordinationId);
  return row;
}

/** Updates with afterSeq < seq <= upToSeq, oldest first, as the events subscribers receive. */
export async function listUpdatesBetween(
  coordinationId: string,
  afterSeq: number,
  upToSeq: number,
  limit: number,
): Promise<UpdateEvent[]> {
  const prisma = await getPrisma();
  const rows = await prisma.update.findMany({
    where: { coordinationId, seq: { gt: afterSeq, lte: upToSeq } },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map((r) => toUpdateDto(toUpdate(r)));
}

export async function listUpdates(input: {
  coordinationId: string;
  afterSeq: number;
  limit: number;
  updateType?: string;
  agentName?: string;
}): Promise<{ updates: Update[]; nextAfterSeq: number; hasMore: boolean }> {
  const prisma = await getPrisma();
  const [exists, rows] = await Promise.all([
    prisma.coordination.findUnique({ where: { id: input.coordinationId }, select: { id: true } }),
    prisma.update.findMany({
      where: {
        coordinationId: input.coordinationId,
        seq: { gt: input.afterSeq },
        ...(input.updateType ? { updateType: input.updateType } : {}),
        ...(input.agentName ? { agentName: input.agentName } : {}),
      },
      orderBy: { seq: "asc" },
      take: input.limit + 1,
    }),
  ]);
  if (!exists) throw coordinationNotFound(input.coordinationId);
  const page = rows.slice(0, input.limit).map(toUpdate);
  const last = page[page.length - 1];
  return { updates: page, nextAfterSeq: last ? last.seq : input.afterSeq, hasMore: rows.length > input.limit };
}

/** The last `count` updates (optionally of some types), oldest first. */
export async function recentUpdates(coordinationId: string, count: number, types?: string[]): Promise<Update[]> {
  const prisma = await getPrisma();
  const rows = await prisma.update.findMany({
    where: { coordinationId, ...(types ? { updateType: { in: types } } : {}) },
    orderBy: { seq: "desc" },
    take: count,
  });
  return rows.reverse().map(toUpdate);
}
