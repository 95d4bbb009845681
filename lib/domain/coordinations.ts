// Reading coordinations: the list (newest activity first) and one coordination's whiteboard
// state. Writes live with the capability that makes them (contexts.ts, whiteboard.ts).
import { getPrisma } from "../db";
import { HuddleError } from "./errors";
import { coordinationNotFound, type Tx } from "./tx";

export interface Coordination {
  id: string;
  sessionId: string;
  parentWorkflowId: string | null;
  workflowType: string | null;
  mission: string;
  currentFocus: string;
  progress: string;
  activeBlockers: string[];
  teamRoles: Record<string, string>;
  version: number;
  lastSeq: number;
  agentCount: number;
  createdAt: Date;
  lastActivityAt: Date;
}

const select = {
  id: true,
  sessionId: true,
  parentWorkflowId: true,
  workflowType: true,
  mission: true,
  currentFocus: true,
  progress: true,
  activeBlockers: true,
  teamRoles: true,
  version: true,
  lastSeq: true,
  createdAt: true,
  lastActivityAt: true,
  _count: { select: { contexts: true } },
} as const;

type Row = {
  [K in Exclude<keyof typeof select, "_count">]: unknown;
} & { _count: { contexts: number } };

function toCoordination(row: Row): Coordination {
  const { _count, ...rest } = row;
  return { ...(rest as Omit<Coordination, "agentCount">), agentCount: _count.contexts };
}

/** One coordination, or undefined; inside a transaction when `tx` is given. */
export async function findCoordination(coordinationId: string, tx?: Tx): Promise<Coordination | undefined> {
  const client = tx ?? (await getPrisma());
  const row = await client.coordination.findUnique({ where: { id: coordinationId }, select });
  return row ? toCoordination(row) : undefined;
}

export async function getCoordination(coordinationId: string): Promise<Coordination> {
  const coordination = await findCoordination(coordinationId);
  if (!coordination) throw coordinationNotFound(coordinationId);
  return coordination;
}

// The cursor is opaque to clients: the (last_activity_at, id) of the last row of the page.
function encodeCursor(c: Coordination): string {
  return Buffer.from(JSON.stringify([c.lastActivityAt.toISOString(), c.id])).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    // Only dates Postgres can compare with (and this endpoint could have produced).
    const year = date.getUTCFullYear();
    if (typeof id !== "string" || Number.isNaN(date.getTime()) || year < 1970 || year > 9999) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw new HuddleError("validation_error", "cursor: is not a cursor returned by this endpoint", {
      details: [{ path: "cursor", message: "is not a cursor returned by this endpoint" }],
    });
  }
}

export async function listCoordinations({ limit, cursor }: { limit: number; cursor?: string }) {
  const prisma = await getPrisma();
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await prisma.coordination.findMany({
    select,
    where: after
      ? { OR: [{ lastActivityAt: { lt: after.at } }, { lastActivityAt: after.at, id: { gt: after.id } }] }
      : undefined,
    orderBy: [{ lastActivityAt: "desc" }, { id: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit).map(toCoordination);
  const last = page[page.length - 1];
  return { coordinations: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
