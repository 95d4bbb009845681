// The whiteboard (seed 003): mission, progress, blockers, decisions, the update log and views.
import { z } from "zod";
import { Id, isStorableText, JsonObject, Label, MAX_INT4, Pagination, QueryInt, storable, Text } from "./common";
import { MAX_JSON_DEPTH } from "./contexts";
import type { UpdateEvent } from "../realtime/events";

export const UPDATE_TYPES = ["progress", "finding", "decision", "artifact", "blocker"] as const;
export type UpdateType = (typeof UPDATE_TYPES)[number];
const UpdateTypeSchema = z.enum(UPDATE_TYPES, { error: `must be one of ${UPDATE_TYPES.join(", ")}` });

export const MAX_CONTENT_BYTES = 64 * 1024;

const badString = (s: string) => !isStorableText(s);

// Label and Text already refuse NUL and unpaired surrogates (common.ts).
const WhiteboardText = Text;
const Name = Label;

const ExpectedVersion = z
  .number()
  .int("must be an integer")
  .min(1, "must be at least 1")
  .max(MAX_INT4, `must be at most ${MAX_INT4}`)
  .optional();
const NonEmptyText = WhiteboardText.refine((s) => s.trim().length > 0, "must not be empty");
export const BlockerText = storable(
  z
    .string()
    .max(1000, "must be at most 1000 characters")
    .refine((s) => s.trim().length > 0, "must not be empty"),
);

/**
 * Checks update content before its schema sees it, without recursion (a body nested half a
 * million levels deep must not overflow the stack here, nor in JSON.stringify after): nesting
 * at most MAX_JSON_DEPTH, no "__proto__" key (zod's records drop it without a word), and no NUL
 * or unpaired surrogate in any key or string.
 */
function checkContent(content: unknown, ctx: z.RefinementCtx): void {
  if (content === null || typeof content !== "object") return;
  const stack: Array<{ value: object; depth: number; path: (string | number)[] }> = [{ value: content, depth: 1, path: [] }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) {
      ctx.addIssue({ code: "custom", path, message: `nests more than ${MAX_JSON_DEPTH} levels deep`, input: content });
      return;
    }
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, item] of entries) {
      const at = [...path, key];
      if (key === "__proto__") {
        ctx.addIssue({ code: "custom", path: at, message: "is a reserved name and cannot be used as a key", input: content });
        return;
      }
      if ((typeof key === "string" && badString(key)) || (typeof item === "string" && badString(item))) {
        ctx.addIssue({ code: "custom", path: at, message: "must not contain the NUL character (U+0000) or unpaired surrogates", input: content });
        return;
      }
      if (item !== null && typeof item === "object") stack.push({ value: item, depth: depth + 1, path: at });
    }
  }
}

const UpdateContent = z
  .unknown()
  .superRefine(checkContent)
  .pipe(
    JsonObject.refine((c) => Buffer.byteLength(JSON.stringify(c)) <= MAX_CONTENT_BYTES, {
      message: `must be at most ${MAX_CONTENT_BYTES} bytes as JSON`,
    }),
  );

export const MissionFields = z.strictObject({ mission: WhiteboardText.optional(), current_focus: WhiteboardText.optional() });
export const hasMissionOrFocus = (b: { mission?: string; current_focus?: string }) =>
  Boolean(b.mission?.trim() || b.current_focus?.trim());
export const missionOrFocusIssue = { message: "give a non-empty mission or current_focus", path: ["mission"] };

// Bodies whose fields the domain names differently parse straight into the domain's input, so
// the route handler and the server action that share a body cannot map it differently.
export const MissionBody = MissionFields.extend({ expected_version: ExpectedVersion })
  .refine(hasMissionOrFocus, missionOrFocusIssue)
  .transform((b) => ({ mission: b.mission, currentFocus: b.current_focus, expectedVersion: b.expected_version }));
export type MissionBody = z.output<typeof MissionBody>;

export const ProgressFields = z.strictObject({ progress: NonEmptyText, expected_version: ExpectedVersion });
export const ProgressBody = ProgressFields.transform((b) => ({ progress: b.progress, expectedVersion: b.expected_version }));
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
  agent_name: storable(Label.max(128, "must be at most 128 characters")).optional(),
  update_type: UpdateTypeSchema,
  content: UpdateContent,
  tags: z.array(storable(z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"))).max(32, "at most 32 tags").default([]),
});
export type PostUpdateBody = z.output<typeof PostUpdateBody>;

export const ListUpdatesQuery = z.strictObject({
  after_seq: QueryInt.min(0, "must be at least 0").max(MAX_INT4, `must be at most ${MAX_INT4}`).default(0),
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
