// The whiteboard (seed 003): mission, progress, blockers, decisions, the update log and views.
import { z } from "zod";
import { Id, JsonObject, Label, Pagination, QueryInt, Text } from "./common";
import type { UpdateEvent } from "../realtime/events";

export const UPDATE_TYPES = ["progress", "finding", "decision", "artifact", "blocker"] as const;
export type UpdateType = (typeof UPDATE_TYPES)[number];
const UpdateTypeSchema = z.enum(UPDATE_TYPES, { error: `must be one of ${UPDATE_TYPES.join(", ")}` });

export const MAX_CONTENT_BYTES = 64 * 1024;

// Postgres text cannot hold U+0000: refuse it here (a 400 naming the field), not at the database
// (a 500). Content too, and lone surrogates in it: the json column stores both as escapes, but
// any jsonb use of the log (the decisions list casts) fails on them.
const NO_NUL = "must not contain the NUL character (U+0000)";
const noNul = (s: string) => !s.includes("\u0000");
const badString = (s: string) => s.includes("\u0000") || !s.isWellFormed();
const hasBadString = (v: unknown): boolean =>
  typeof v === "string"
    ? badString(v)
    : Array.isArray(v)
      ? v.some(hasBadString)
      : v !== null && typeof v === "object" && Object.entries(v).some(([k, x]) => badString(k) || hasBadString(x));
const WhiteboardText = Text.refine(noNul, NO_NUL);
const Name = Label.refine(noNul, NO_NUL);

const ExpectedVersion = z.number().int("must be an integer").min(1, "must be at least 1").optional();
const NonEmptyText = WhiteboardText.refine((s) => s.trim().length > 0, "must not be empty");
export const BlockerText = z
  .string()
  .max(1000, "must be at most 1000 characters")
  .refine((s) => s.trim().length > 0, "must not be empty")
  .refine(noNul, NO_NUL);

export const MissionFields = z.strictObject({ mission: WhiteboardText.optional(), current_focus: WhiteboardText.optional() });
export const hasMissionOrFocus = (b: { mission?: string; current_focus?: string }) =>
  Boolean(b.mission?.trim() || b.current_focus?.trim());
export const missionOrFocusIssue = { message: "give a non-empty mission or current_focus", path: ["mission"] };

export const MissionBody = MissionFields.extend({ expected_version: ExpectedVersion }).refine(
  hasMissionOrFocus,
  missionOrFocusIssue,
);
export type MissionBody = z.output<typeof MissionBody>;

export const ProgressBody = z.strictObject({ progress: NonEmptyText, expected_version: ExpectedVersion });
export type ProgressBody = z.output<typeof ProgressBody>;

export const BlockerBody = z.strictObject({
  action: z.enum(["add", "remove"], { error: "must be 'add' or 'remove'" }),
  blocker: BlockerText,
});
export type BlockerBody = z.output<typeof BlockerBody>;

export const DecisionBody = z.strictObject({
  decision: NonEmptyText,
  rationale: WhiteboardText.nullish().transform((v) => (v && v.trim() ? v : null)),
});
export type DecisionBody = z.output<typeof DecisionBody>;

export const PostUpdateBody = z.strictObject({
  /** Optional for an agent token (it posts as itself); required otherwise. */
  agent_name: Label.max(128, "must be at most 128 characters").refine(noNul, NO_NUL).optional(),
  update_type: UpdateTypeSchema,
  content: JsonObject.refine((c) => Buffer.byteLength(JSON.stringify(c)) <= MAX_CONTENT_BYTES, {
    message: `must be at most ${MAX_CONTENT_BYTES} bytes as JSON`,
  }).refine((c) => !hasBadString(c), "must not contain the NUL character (U+0000) or unpaired surrogates"),
  tags: z.array(z.string().min(1, "must not be empty").max(64, "must be at most 64 characters").refine(noNul, NO_NUL)).max(32, "at most 32 tags").default([]),
});
export type PostUpdateBody = z.output<typeof PostUpdateBody>;

export const ListUpdatesQuery = z.strictObject({
  after_seq: QueryInt.min(0, "must be at least 0").default(0),
  limit: Pagination.limit(1000, 100),
  update_type: UpdateTypeSchema.optional(),
  agent_name: Name.optional(),
});
export type ListUpdatesQuery = z.output<typeof ListUpdatesQuery>;

/** Agent names in views are team member names ("Data Engineer"), not only ids. */
export const ViewParams = z.object({ cid: Id, aid: Name });

export interface Update {
  coordinationId: string;
  seq: number;
  agentName: string;
  updateType: string;
  content: Record<string, unknown>;
  tags: string[];
  createdAt: Date;
}

export function toUpdateDto(u: Update): UpdateEvent {
  return {
    coordination_id: u.coordinationId,
    seq: u.seq,
    agent_name: u.agentName,
    update_type: u.updateType,
    content: u.content,
    tags: u.tags,
    created_at: u.createdAt.toISOString(),
  };
}
