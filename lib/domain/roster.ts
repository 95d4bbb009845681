// The team roster for the operator UI: each agent's role, context version and size, and its
// last activity (the newest update whose agent_name is the agent id). Read-only; it never
// writes and adds no rule of its own beyond how "last activity" is found.
import { getPrisma } from "../db";
import { listAgentContexts } from "./contexts";
import { coordinationNotFound } from "./tx";

export interface RosterEntry {
  agentId: string;
  agentRole: string;
  /** The coordination's team_roles entry for this agent id, when it has one. */
  teamRole: string | null;
  contextVersion: number;
  sizeBytes: number;
  contextUpdatedAt: Date;
  lastUpdateSeq: number | null;
  lastActivityAt: Date | null;
}

export async function getRoster(coordinationId: string): Promise<RosterEntry[]> {
  const prisma = await getPrisma();
  const [coordination, agents] = await Promise.all([
    prisma.coordination.findUnique({ where: { id: coordinationId }, select: { teamRoles: true } }),
    listAgentContexts(coordinationId),
  ]);
  if (!coordination) throw coordinationNotFound(coordinationId);
  const ids = agents.map((a) => a.agentId);
  // One grouped read over the (coordination_id, agent_name, seq) index, not one per agent.
  const last =
    ids.length === 0
      ? []
      : await prisma.update.groupBy({
          by: ["agentName"],
          where: { coordinationId, agentName: { in: ids } },
          _max: { seq: true, createdAt: true },
        });
  const lastByAgent = new Map(last.map((l) => [l.agentName, l._max]));
  const teamRoles = (coordination.teamRoles ?? {}) as Record<string, string>;
  return agents.map((a) => {
    const l = lastByAgent.get(a.agentId);
    return {
      agentId: a.agentId,
      agentRole: a.agentRole,
      teamRole: teamRoles[a.agentId] ?? null,
      contextVersion: a.contextVersion,
      sizeBytes: a.sizeBytes,
      contextUpdatedAt: a.updatedAt,
      lastUpdateSeq: l?.seq ?? null,
      lastActivityAt: l?.createdAt ?? null,
    };
  });
}

/** The roster's wire shape (snake_case at the HTTP boundary). */
export function toRosterEntryDto(e: RosterEntry) {
  return {
    agent_id: e.agentId,
    agent_role: e.agentRole,
    team_role: e.teamRole,
    context_version: e.contextVersion,
    size_bytes: e.sizeBytes,
    context_updated_at: e.contextUpdatedAt.toISOString(),
    last_update_seq: e.lastUpdateSeq,
    last_activity_at: e.lastActivityAt ? e.lastActivityAt.toISOString() : null,
  };
}
export type RosterEntryDto = ReturnType<typeof toRosterEntryDto>;
