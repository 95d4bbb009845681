// Context distribution (seed 000): builds, versions and changes the package each agent receives.
// Owns agent_contexts and their append-only history. Never writes the whiteboard or the update
// log; every write goes through changeCoordination/transaction (tx.ts) so it holds the
// coordination's lock and publishes only after commit.
import { Prisma } from "../db";
import {
  DEFAULT_COORDINATION_PROTOCOLS,
  DEFAULT_RESOURCE_ALLOCATION,
  type AgentContext,
  type CreateCoordinationBody,
  type PartialResourceAllocation,
  type SharedIntelligenceKey,
} from "../schemas/contexts";
import { toCoordinationDto } from "../schemas/coordinations";
import { metrics } from "../metrics";
import { publish } from "../realtime/publisher";
import { findCoordination, getCoordination, type Coordination } from "./coordinations";
import { Conflict, NotFound } from "./errors";
import { issueCredentials, type Credentials } from "./access";
import { bumpVersion, changeCoordination, coordinationNotFound, lockCoordination, transaction, type Tx } from "./tx";
import { getPrisma } from "../db";

export type ContextChangeReason = "distributed" | "shared_intelligence" | "resources";

export interface DistributionMetrics {
  distributionTimeMs: number;
  perAgentMs: number;
  contextSizeBytes: Record<string, number>;
}

export interface Distribution {
  coordination: Coordination;
  contexts: Record<string, AgentContext>;
  metrics: DistributionMetrics;
  /** Shown once: only their hashes are stored. */
  credentials: Credentials;
}

interface StoredContext {
  agentId: string;
  contextVersion: number;
  revision: number;
  context: AgentContext;
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/**
 * Creates a coordination and one context per agent, all or nothing. With `replace`, an
 * existing coordination gets the new set of agents (others are removed); a re-distributed
 * agent's context_version continues from its last one and its history is kept.
 */
export async function distributeContexts(input: CreateCoordinationBody): Promise<Distribution> {
  try {
    return await distributeOnce(input);
  } catch (e) {
    // Two creates of one new id raced and the other won: with replace, ours now replaces it.
    if (isUniqueViolation(e) && input.replace) return distributeOnce(input);
    if (isUniqueViolation(e)) {
      // The 409 carries the current value (API.md), here too: read what the winner committed.
      const cid = input.coordination_state.coordination_id;
      throw conflictExists(cid, await getCoordination(cid).catch(() => undefined));
    }
    throw e;
  }
}

function conflictExists(coordinationId: string, current: Coordination | undefined) {
  return Conflict(
    `coordination '${coordinationId}' already exists; send "replace": true to redistribute its contexts`,
    current ? toCoordinationDto(current) : undefined,
  );
}

async function distributeOnce(input: CreateCoordinationBody): Promise<Distribution> {
  const started = performance.now();
  const state = input.coordination_state;
  const cid = state.coordination_id;
  const agentIds = Object.keys(input.agent_assignments);

  const { version, contexts, sizes, credentials } = await transaction(async (tx) => {
    const existing = await lockCoordination(tx, cid);
    const previous = new Map<string, { version: number; revision: number }>();
    let version: number;
    if (existing) {
      if (!input.replace) throw conflictExists(cid, await findCoordination(cid, tx));
      const last = await tx.agentContextVersion.groupBy({
        by: ["agentId"],
        where: { coordinationId: cid },
        _max: { contextVersion: true, revision: true },
      });
      for (const row of last) {
        previous.set(row.agentId, { version: row._max.contextVersion ?? 0, revision: row._max.revision ?? 0 });
      }
      await tx.agentContext.deleteMany({ where: { coordinationId: cid } });
      version = await bumpVersion(tx, existing, {
        sessionId: state.session_id,
        parentWorkflowId: state.parent_workflow_id,
        workflowType: state.workflow_type,
        ...(input.team_roles ? { teamRoles: input.team_roles } : {}),
      });
    } else {
      await tx.coordination.create({
        data: {
          id: cid,
          sessionId: state.session_id,
          parentWorkflowId: state.parent_workflow_id,
          workflowType: state.workflow_type,
          teamRoles: input.team_roles ?? {},
        },
      });
      version = 1;
    }

    const now = new Date();
    const createdAt = now.toISOString();
    const stored = agentIds.map((agentId): StoredContext => {
      const a = input.agent_assignments[agentId]!;
      const prev = previous.get(agentId);
      return {
        agentId,
        contextVersion: (prev?.version ?? 0) + 1,
        revision: (prev?.revision ?? 0) + 1,
        context: {
          coordination_metadata: {
            session_id: state.session_id,
            coordination_id: cid,
            agent_id: agentId,
            agent_role: a.agent_role ?? agentId,
            parent_workflow_id: state.parent_workflow_id,
            created_at: createdAt,
          },
          shared_intelligence: input.shared_intelligence,
          agent_assignment: {
            objective: a.objective,
            tasks: a.tasks,
            input_data: a.input_data,
            dependencies: a.dependencies,
            output_requirements: a.output_requirements,
            success_criteria: a.success_criteria,
          },
          coordination_protocols: { ...DEFAULT_COORDINATION_PROTOCOLS, ...input.coordination_protocols[agentId] },
          resource_allocation: { ...DEFAULT_RESOURCE_ALLOCATION, ...input.resource_allocations[agentId] },
          context_version: (prev?.version ?? 0) + 1,
        },
      };
    });
    const written = await writeContexts(tx, cid, stored, "distributed", { insert: true, now });
    // Built with fromEntries, which defines own keys: every agent id is kept, whatever it is called.
    const contexts = Object.fromEntries(stored.map((c) => [c.agentId, c.context]));
    const sizes = Object.fromEntries(stored.map((c, i) => [c.agentId, written.sizes[i]!]));
    // New tokens every time: a re-distribution revokes the old ones.
    const credentials = await issueCredentials(tx, cid, agentIds);
    return { version, contexts, sizes, credentials };
  });

  const distributionTimeMs = performance.now() - started;
  const perAgentMs = distributionTimeMs / agentIds.length;
  const m = metrics();
  m.distributionTime.observe(distributionTimeMs);
  m.distributionPerAgent.observe(perAgentMs);

  publish([{ type: "changed", changed: { coordination_id: cid, version, kind: "contexts", agent_ids: agentIds } }]);
  return {
    coordination: await getCoordination(cid),
    contexts,
    metrics: { distributionTimeMs, perAgentMs, contextSizeBytes: sizes },
    credentials,
  };
}

export async function listAgents(coordinationId: string): Promise<string[]> {
  const prisma = await getPrisma();
  const coordination = await prisma.coordination.findUnique({
    where: { id: coordinationId },
    select: { contexts: { select: { agentId: true }, orderBy: { position: "asc" } } },
  });
  if (!coordination) throw coordinationNotFound(coordinationId);
  return coordination.contexts.map((c) => c.agentId);
}

function contextNotFound(coordinationId: string, agentId: string) {
  return NotFound(`agent '${agentId}' has no context in coordination '${coordinationId}'`);
}

export interface AgentContextRecord {
  agentId: string;
  agentRole: string;
  contextVersion: number;
  revision: number;
  context: AgentContext;
  sizeBytes: number;
  updatedAt: Date;
}

export async function getAgentContext(coordinationId: string, agentId: string): Promise<AgentContextRecord> {
  const prisma = await getPrisma();
  const row = await prisma.agentContext.findUnique({
    where: { coordinationId_agentId: { coordinationId, agentId } },
    select: { agentId: true, agentRole: true, contextVersion: true, revision: true, context: true, sizeBytes: true, updatedAt: true },
  });
  if (!row) throw contextNotFound(coordinationId, agentId);
  return { ...row, context: row.context as unknown as AgentContext };
}

/** The roster: every agent's role, context version and size, in distribution order. */
export async function listAgentContexts(coordinationId: string) {
  const prisma = await getPrisma();
  const rows = await prisma.agentContext.findMany({
    where: { coordinationId },
    orderBy: { position: "asc" },
    select: { agentId: true, agentRole: true, contextVersion: true, sizeBytes: true, updatedAt: true },
  });
  return rows;
}

export interface ContextVersionRecord {
  revision: number;
  contextVersion: number;
  reason: string;
  context: AgentContext;
  sizeBytes: number;
  createdAt: Date;
}

/**
 * The history of an agent's context, newest first. A change made with increment_version false
 * keeps its context_version, so one version can have several revisions; history is never edited.
 */
export async function listContextVersions(
  coordinationId: string,
  agentId: string,
  { limit, beforeRevision }: { limit: number; beforeRevision?: number },
): Promise<{ versions: ContextVersionRecord[]; nextBeforeRevision: number | null }> {
  const prisma = await getPrisma();
  const rows = await prisma.agentContextVersion.findMany({
    where: { coordinationId, agentId, ...(beforeRevision ? { revision: { lt: beforeRevision } } : {}) },
    orderBy: { revision: "desc" },
    take: limit + 1,
    select: { revision: true, contextVersion: true, reason: true, context: true, sizeBytes: true, createdAt: true },
  });
  if (rows.length === 0 && !beforeRevision) throw contextNotFound(coordinationId, agentId);
  const page = rows.slice(0, limit).map((r) => ({ ...r, context: r.context as unknown as AgentContext }));
  const last = page[page.length - 1];
  return { versions: page, nextBeforeRevision: rows.length > limit && last ? last.revision : null };
}

/** One version as the agent last saw it (its newest revision). */
export async function getContextVersion(coordinationId: string, agentId: string, contextVersion: number) {
  const prisma = await getPrisma();
  const row = await prisma.agentContextVersion.findFirst({
    where: { coordinationId, agentId, contextVersion },
    orderBy: { revision: "desc" },
    select: { revision: true, contextVersion: true, reason: true, context: true, sizeBytes: true, createdAt: true },
  });
  if (!row) throw NotFound(`agent '${agentId}' of coordination '${coordinationId}' has no context version ${contextVersion}`);
  return { ...row, context: row.context as unknown as AgentContext };
}

async function loadContexts(tx: Tx, coordinationId: string, agentIds: string[] | null): Promise<StoredContext[]> {
  const rows = await tx.agentContext.findMany({
    where: { coordinationId, ...(agentIds ? { agentId: { in: agentIds } } : {}) },
    orderBy: { position: "asc" },
    select: { agentId: true, contextVersion: true, revision: true, context: true },
  });
  return rows.map((r) => ({ ...r, context: r.context as unknown as AgentContext }));
}

/**
 * Writes contexts and their history rows: new live rows (`insert`) or changed ones, then one
 * history row each, copied from the live rows. One statement each, however many agents:
 * row-by-row writes cost ~1 ms an agent, and distribution must stay well under that.
 * The caller holds the coordination's lock.
 */
async function writeContexts(
  tx: Tx,
  coordinationId: string,
  contexts: StoredContext[],
  reason: ContextChangeReason,
  { insert, now = new Date() }: { insert: boolean; now?: Date },
): Promise<{ sizes: number[] }> {
  if (contexts.length === 0) return { sizes: [] };
  const ids = contexts.map((c) => c.agentId);
  const texts = contexts.map((c) => JSON.stringify(c.context));
  const sizes = texts.map((t) => Buffer.byteLength(t));
  const versions = contexts.map((c) => c.contextVersion);
  const revisions = contexts.map((c) => c.revision);
  if (insert) {
    await tx.$executeRaw`
      INSERT INTO agent_contexts
             (coordination_id, agent_id, position, agent_role, context_version, revision, context, size_bytes, updated_at)
      SELECT ${coordinationId}, v.agent_id, v.position - 1, v.agent_role, v.context_version, v.revision, v.context::json,
             v.size_bytes, ${now}
        FROM unnest(${ids}::text[], ${contexts.map((c) => c.context.coordination_metadata.agent_role)}::text[],
                    ${versions}::int[], ${revisions}::int[], ${texts}::text[], ${sizes}::int[])
             WITH ORDINALITY AS v(agent_id, agent_role, context_version, revision, context, size_bytes, position)`;
  } else {
    await tx.$executeRaw`
      UPDATE agent_contexts AS a
         SET context = v.context::json, context_version = v.context_version, revision = v.revision,
             size_bytes = v.size_bytes, updated_at = ${now}
        FROM unnest(${ids}::text[], ${texts}::text[], ${versions}::int[], ${revisions}::int[], ${sizes}::int[])
             AS v(agent_id, context, context_version, revision, size_bytes)
       WHERE a.coordination_id = ${coordinationId} AND a.agent_id = v.agent_id`;
  }
  await tx.$executeRaw`
    INSERT INTO agent_context_versions
           (coordination_id, agent_id, revision, context_version, reason, context, size_bytes, created_at)
    SELECT coordination_id, agent_id, revision, context_version, ${reason}, context, size_bytes, ${now}
      FROM agent_contexts
     WHERE coordination_id = ${coordinationId} AND agent_id = ANY(${ids}::text[])`;
  const m = metrics();
  for (const size of sizes) m.contextSize.observe(size);
  return { sizes };
}

/**
 * Merges `updateData` shallowly into one part of shared intelligence for the targeted agents
 * (all when `targetAgents` is null). Reports per target whether it was updated.
 */
export async function updateSharedIntelligence(input: {
  coordinationId: string;
  updateType: SharedIntelligenceKey;
  updateData: Record<string, unknown>;
  targetAgents: string[] | null;
  incrementVersion: boolean;
}): Promise<Record<string, boolean>> {
  return changeCoordination(input.coordinationId, async (tx, coordination) => {
    const current = await loadContexts(tx, coordination.id, input.targetAgents);
    const changed = current.map((c): StoredContext => {
      const contextVersion = c.contextVersion + (input.incrementVersion ? 1 : 0);
      const si = c.context.shared_intelligence;
      return {
        agentId: c.agentId,
        contextVersion,
        revision: c.revision + 1,
        context: {
          ...c.context,
          shared_intelligence: { ...si, [input.updateType]: { ...si[input.updateType], ...input.updateData } },
          context_version: contextVersion,
        },
      };
    });
    await writeContexts(tx, coordination.id, changed, "shared_intelligence", { insert: false });
    const updated = new Set(changed.map((c) => c.agentId));
    // fromEntries defines own keys: an assignment would treat a target named "__proto__" as the prototype.
    const results: Record<string, boolean> = Object.fromEntries(
      (input.targetAgents ?? [...updated]).map((agentId) => [agentId, updated.has(agentId)]),
    );
    if (changed.length === 0) return { result: results, events: [] };
    const version = await bumpVersion(tx, coordination);
    return {
      result: results,
      events: [
        {
          type: "changed",
          changed: { coordination_id: coordination.id, version, kind: "shared_intelligence", agent_ids: [...updated] },
        },
      ],
    };
  });
}

/**
 * Merges a partial resource allocation over an agent's current one and bumps its version.
 * With `expectedVersion`, refuses (409 with the current context) when the agent's context has
 * moved on, so two editors never silently overwrite each other.
 */
export async function updateResourceAllocation(input: {
  coordinationId: string;
  agentId: string;
  resourceAllocation: PartialResourceAllocation;
  expectedVersion?: number;
}): Promise<AgentContext> {
  return changeCoordination(input.coordinationId, async (tx, coordination) => {
    const [current] = await loadContexts(tx, coordination.id, [input.agentId]);
    if (!current) throw contextNotFound(coordination.id, input.agentId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.contextVersion) {
      throw Conflict(
        `agent '${input.agentId}' is at context_version ${current.contextVersion}, not ${input.expectedVersion}`,
        current.context,
      );
    }
    const contextVersion = current.contextVersion + 1;
    const next: StoredContext = {
      agentId: current.agentId,
      contextVersion,
      revision: current.revision + 1,
      context: {
        ...current.context,
        resource_allocation: { ...current.context.resource_allocation, ...input.resourceAllocation },
        context_version: contextVersion,
      },
    };
    await writeContexts(tx, coordination.id, [next], "resources", { insert: false });
    const version = await bumpVersion(tx, coordination);
    return {
      result: next.context,
      events: [
        { type: "changed", changed: { coordination_id: coordination.id, version, kind: "resources", agent_ids: [input.agentId] } },
      ],
    };
  });
}

/** Removes the coordination's live contexts (history stays). False when there were none. */
export async function clearCoordinationContexts(coordinationId: string): Promise<boolean> {
  return changeCoordination(coordinationId, async (tx, coordination) => {
    const { count } = await tx.agentContext.deleteMany({ where: { coordinationId: coordination.id } });
    if (count === 0) return { result: false, events: [] };
    const version = await bumpVersion(tx, coordination);
    return { result: true, events: [{ type: "changed", changed: { coordination_id: coordination.id, version, kind: "cleared" } }] };
  });
}
