// The context package (seed 000) and the requests that create and change it.
//
// The package is a document whose shape is the contract: it is stored, versioned and served
// exactly as an agent receives it, so its keys stay snake_case inside TypeScript too. Bounds
// follow the seed's dataclasses plus API.md ("intervals at least 100 ms", and so on).
import { z } from "zod";
import type { ContextVersionRecord } from "../domain/contexts";
import { Id, JsonObject, Label, MAX_INT4, Pagination, Text } from "./common";


/**
 * How deeply JSON may nest in a request body. Deeper values overflow the stack of recursive
 * serializers (JSON.stringify, Prisma's JSON encoder) and fail as 500s; no agent needs this many.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Checks a parsed request body before its schema sees it: nesting at most MAX_JSON_DEPTH, and no
 * "__proto__" key, which zod's records and object spreads drop without a word (an agent, a
 * team role or an update key would vanish while the request succeeds). Iterative, so that a
 * body nested a million levels deep cannot overflow the stack here either.
 */
function checkJsonBody(body: unknown, ctx: z.RefinementCtx) {
  type Node = { value: object; depth: number; parent?: Node; key?: string | number };
  const pathOf = (node: Node, key?: string | number) => {
    const path: (string | number)[] = key === undefined ? [] : [key];
    for (let n: Node | undefined = node; n?.parent; n = n.parent) path.unshift(n.key!);
    return path;
  };
  if (body === null || typeof body !== "object") return;
  const stack: Node[] = [{ value: body, depth: 1 }];
  let reported = 0;
  while (stack.length > 0 && reported < 10) {
    const node = stack.pop()!;
    if (node.depth > MAX_JSON_DEPTH) {
      ctx.addIssue({ code: "custom", path: pathOf(node), message: `nests more than ${MAX_JSON_DEPTH} levels deep`, input: body });
      return;
    }
    const entries: [string | number, unknown][] = Array.isArray(node.value)
      ? node.value.map((v, i) => [i, v])
      : Object.entries(node.value);
    for (const [key, value] of entries) {
      if (key === "__proto__") {
        ctx.addIssue({ code: "custom", path: pathOf(node, key), message: "is a reserved name and cannot be used as a key", input: body });
        reported++;
      }
      if (value !== null && typeof value === "object") stack.push({ value, depth: node.depth + 1, parent: node, key });
    }
  }
}

/** A request body schema preceded by checkJsonBody; its issues stop parsing there. */
function guardedBody<T extends z.ZodType>(schema: T) {
  return z.unknown().superRefine(checkJsonBody).pipe(schema);
}

const ms = (min: number) =>
  z.number().int("must be an integer").min(min, `must be at least ${min}`).max(86_400_000, "must be at most 86400000 (24 h)");

export const ResourceAllocation = z.strictObject({
  max_execution_time_ms: ms(1000),
  max_retry_attempts: z.number().int("must be an integer").min(0, "must be at least 0").max(100, "must be at most 100"),
  max_memory_mb: z.number().int("must be an integer").min(1, "must be at least 1").max(1_048_576, "must be at most 1048576"),
  quality_threshold: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
  timeout_ms: ms(100),
  concurrency_limit: z.number().int("must be an integer").min(1, "must be at least 1").max(10_000, "must be at most 10000"),
});
export type ResourceAllocation = z.infer<typeof ResourceAllocation>;
export const PartialResourceAllocation = ResourceAllocation.partial();
export type PartialResourceAllocation = z.infer<typeof PartialResourceAllocation>;

export const DEFAULT_RESOURCE_ALLOCATION: ResourceAllocation = {
  max_execution_time_ms: 300_000,
  max_retry_attempts: 3,
  max_memory_mb: 512,
  quality_threshold: 0.8,
  timeout_ms: 30_000,
  concurrency_limit: 10,
};

export const CoordinationProtocols = z.strictObject({
  update_interval_ms: ms(100),
  heartbeat_interval_ms: ms(100),
  status_update_channel: Label,
  result_delivery_channel: Label,
  error_reporting_channel: Label,
  coordination_endpoint: z.string().max(2048, "must be at most 2048 characters").nullable(),
});
export type CoordinationProtocols = z.infer<typeof CoordinationProtocols>;
export const PartialCoordinationProtocols = CoordinationProtocols.partial();

export const DEFAULT_COORDINATION_PROTOCOLS: CoordinationProtocols = {
  update_interval_ms: 5000,
  heartbeat_interval_ms: 10_000,
  status_update_channel: "state",
  result_delivery_channel: "state",
  error_reporting_channel: "state",
  coordination_endpoint: null,
};

/** Each part of shared intelligence, with the value shape the seed gives it. */
export const SharedIntelligenceParts = {
  type_registry: z.record(z.string(), z.unknown()),
  pattern_library: z.record(z.string(), z.array(z.unknown(), "must be a list")),
  validation_rules: z.record(z.string(), z.unknown()),
  naming_conventions: z.record(z.string(), z.string("must be a string")),
  dependency_graph: z.record(z.string(), z.array(z.unknown(), "must be a list")),
} as const;
export const SHARED_INTELLIGENCE_KEYS = Object.keys(SharedIntelligenceParts) as SharedIntelligenceKey[];
export type SharedIntelligenceKey = keyof typeof SharedIntelligenceParts;

export const SharedIntelligence = z.strictObject({
  type_registry: SharedIntelligenceParts.type_registry.default({}),
  pattern_library: SharedIntelligenceParts.pattern_library.default({}),
  validation_rules: SharedIntelligenceParts.validation_rules.default({}),
  naming_conventions: SharedIntelligenceParts.naming_conventions.default({}),
  dependency_graph: SharedIntelligenceParts.dependency_graph.default({}),
});
export type SharedIntelligence = z.output<typeof SharedIntelligence>;

export const AgentAssignmentInput = z.strictObject({
  agent_role: Label.optional(),
  objective: Text.default(""),
  tasks: z.array(z.string().max(1000, "must be at most 1000 characters")).max(1000, "at most 1000 tasks").default([]),
  input_data: JsonObject.default({}),
  dependencies: z.array(Id).max(1000, "at most 1000 dependencies").default([]),
  output_requirements: JsonObject.default({}),
  success_criteria: JsonObject.default({}),
});
export type AgentAssignmentInput = z.output<typeof AgentAssignmentInput>;

export const CoordinationState = z.strictObject({
  coordination_id: Id,
  session_id: Label,
  parent_workflow_id: Label.nullish().transform((v) => v ?? null),
  workflow_type: Label.nullish().transform((v) => v ?? null),
});
export type CoordinationState = z.output<typeof CoordinationState>;

export const MAX_AGENTS = 10_000;

export const CreateCoordinationBody = guardedBody(
  z
    .strictObject({
      coordination_state: CoordinationState,
      agent_assignments: z
        .record(Id, AgentAssignmentInput)
        .refine((a) => Object.keys(a).length > 0, "must name at least one agent")
        .refine((a) => Object.keys(a).length <= MAX_AGENTS, `must name at most ${MAX_AGENTS} agents`),
      shared_intelligence: SharedIntelligence.default(SharedIntelligence.parse({})),
      resource_allocations: z.record(Id, PartialResourceAllocation).default({}),
      coordination_protocols: z.record(Id, PartialCoordinationProtocols).default({}),
      team_roles: z.record(Label, Text).default({}),
      replace: z.boolean().default(false),
    })
    .superRefine((body, ctx) => {
      // Per-agent settings for an agent that gets no assignment would be silently dropped. (Own
      // keys only: "constructor" is `in` every object.)
      for (const field of ["resource_allocations", "coordination_protocols"] as const) {
        for (const agentId of Object.keys(body[field])) {
          if (!Object.hasOwn(body.agent_assignments, agentId)) {
            ctx.addIssue({
              code: "custom",
              path: [field, agentId],
              message: "names an agent that is not in agent_assignments",
            });
          }
        }
      }
    }),
);
export type CreateCoordinationBody = z.output<typeof CreateCoordinationBody>;

export const SharedIntelligenceUpdateBody = guardedBody(
  z
    .strictObject({
      update_type: z.enum(SHARED_INTELLIGENCE_KEYS as [SharedIntelligenceKey, ...SharedIntelligenceKey[]], {
        error: `must be one of ${SHARED_INTELLIGENCE_KEYS.join(", ")}`,
      }),
      update_data: JsonObject,
      target_agents: z.array(Id).max(MAX_AGENTS).nullish().transform((v) => (v && v.length > 0 ? v : null)),
      increment_version: z.boolean().default(true),
    })
    .superRefine((body, ctx) => {
      const parsed = SharedIntelligenceParts[body.update_type].safeParse(body.update_data);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: "custom", path: ["update_data", ...issue.path.map(String)], message: issue.message });
        }
      }
    }),
);
export type SharedIntelligenceUpdateBody = z.output<typeof SharedIntelligenceUpdateBody>;

export const ResourceAllocationUpdateBody = z
  .strictObject({
    resource_allocation: PartialResourceAllocation,
    expected_version: z.number().int("must be an integer").min(1, "must be at least 1").max(MAX_INT4, `must be at most ${MAX_INT4}`).optional(),
  })
  // Parsed into the domain's input (the API route and the operator's action share it).
  .transform((b) => ({ resourceAllocation: b.resource_allocation, expectedVersion: b.expected_version }));
export type ResourceAllocationUpdateBody = z.output<typeof ResourceAllocationUpdateBody>;

/** The package an agent receives. */
export interface AgentContext {
  coordination_metadata: {
    session_id: string;
    coordination_id: string;
    agent_id: string;
    agent_role: string;
    parent_workflow_id: string | null;
    created_at: string;
  };
  shared_intelligence: SharedIntelligence;
  agent_assignment: {
    objective: string;
    tasks: string[];
    input_data: JsonObject;
    dependencies: string[];
    output_requirements: JsonObject;
    success_criteria: JsonObject;
  };
  coordination_protocols: CoordinationProtocols;
  resource_allocation: ResourceAllocation;
  context_version: number;
}

export const ListCoordinationsQuery = z.strictObject({
  limit: Pagination.limit(200, 50),
  cursor: z.string().max(512).optional(),
});
export type ListCoordinationsQuery = z.output<typeof ListCoordinationsQuery>;

export const CoordinationParams = z.object({ cid: Id });
export const AgentParams = z.object({ cid: Id, aid: Id });
export const VersionParams = z.object({
  cid: Id,
  aid: Id,
  n: z.coerce.number().int("must be an integer").min(1, "must be at least 1").max(MAX_INT4, `must be at most ${MAX_INT4}`),
});

export const ContextVersionsQuery = z.strictObject({
  limit: Pagination.limit(1000, 100),
  before_revision: z.coerce
    .number()
    .int("must be an integer")
    .min(1, "must be at least 1")
    .max(MAX_INT4, `must be at most ${MAX_INT4}`)
    .optional(),
});

export function toContextVersionDto(v: ContextVersionRecord) {
  return {
    context_version: v.contextVersion,
    revision: v.revision,
    reason: v.reason,
    size_bytes: v.sizeBytes,
    created_at: v.createdAt.toISOString(),
    context: v.context,
  };
}

export function toDistributionDto(d: {
  metrics: { distributionTimeMs: number; perAgentMs: number; contextSizeBytes: Record<string, number> };
}) {
  return {
    distribution_time_ms: d.metrics.distributionTimeMs,
    per_agent_ms: d.metrics.perAgentMs,
    context_size_bytes: d.metrics.contextSizeBytes,
  };
}
