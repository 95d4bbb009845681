"use client";
// The operator's whiteboard edits, through the server actions. Mission, focus and progress are
// saved with expected_version, but a conflict is judged per field: the version moves on every
// update any agent posts, so a save only stops (and shows the current value) when the field the
// operator edited was changed by someone else; otherwise it retries with the newer version.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import type { ActionResult } from "@/lib/http/errors";
import { BlockerBody, DecisionBody, MissionBody, ProgressBody } from "@/lib/schemas/whiteboard";
import {
  logDecisionAction,
  manageBlockerAction,
  updateMissionAction,
  updateProgressAction,
} from "@/app/coordinations/[cid]/actions";
import type { CoordinationDto } from "./api";
import { coordinationQuery } from "./useCoordination";
import { fieldErrorsFromAction, fieldErrorsOf, type FieldErrors } from "./forms";

type EditableField = "mission" | "current_focus" | "progress";
type Values = Partial<Record<EditableField, string>>;

export type SaveOutcome =
  | { status: "saved"; message?: string }
  | { status: "invalid"; fieldErrors: FieldErrors; message: string }
  | { status: "conflict"; current: Values }
  | { status: "error"; message: string };

const MAX_ATTEMPTS = 3;

function differs(current: Values, base: Values) {
  return (Object.keys(base) as EditableField[]).some((f) => current[f] !== base[f]);
}

function failed(r: Extract<ActionResult<unknown>, { ok: false }>): SaveOutcome {
  if (r.error.code === "validation_error") return { status: "invalid", fieldErrors: fieldErrorsFromAction(r.error), message: r.error.message };
  return { status: "error", message: r.error.message };
}

/**
 * Saves `draft` if the edited fields still hold `base` (what the operator started from).
 * `send` runs the action with the version it should expect.
 */
async function guardedSave(
  qc: QueryClient,
  cid: string,
  base: Values,
  send: (expectedVersion: number) => Promise<ActionResult<unknown>>,
): Promise<SaveOutcome> {
  type Head = Pick<CoordinationDto, EditableField | "version">;
  // Start from the cache (kept live by the socket); read the server before calling it a conflict.
  let known: Head | undefined = qc.getQueryData<CoordinationDto>(keys.coordination(cid));
  let fresh = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!known) fresh = true;
    const current: Head = known ?? (await qc.fetchQuery({ ...coordinationQuery(cid), staleTime: 0 }));
    if (differs(current, base)) {
      if (!fresh) {
        known = undefined;
        continue;
      }
      return { status: "conflict", current: pick(current, base) };
    }
    const r = await send(current.version);
    if (r.ok) {
      void qc.invalidateQueries({ queryKey: keys.coordination(cid) });
      return { status: "saved" };
    }
    if (r.error.code !== "conflict") return failed(r);
    // Someone changed the coordination meanwhile; its current state came with the conflict.
    known = (r.current as Head | null) ?? undefined;
    fresh = true;
  }
  return { status: "error", message: "The whiteboard is changing too fast to save; try again." };
}

function pick(current: Values, base: Values): Values {
  const out: Values = {};
  for (const f of Object.keys(base) as EditableField[]) out[f] = current[f];
  return out;
}

export function useWhiteboardEdits(cid: string) {
  const qc = useQueryClient();
  const params = { cid };

  const saveMission = useMutation({
    mutationFn: async ({ draft, base }: { draft: { mission: string; current_focus: string }; base: Values }): Promise<SaveOutcome> => {
      const fieldErrors = fieldErrorsOf(MissionBody, draft);
      if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors, message: Object.values(fieldErrors)[0]! };
      return guardedSave(qc, cid, base, (v) => updateMissionAction(params, { ...draft, expected_version: v }));
    },
  });

  const saveProgress = useMutation({
    mutationFn: async ({ draft, base }: { draft: { progress: string }; base: Values }): Promise<SaveOutcome> => {
      const fieldErrors = fieldErrorsOf(ProgressBody, draft);
      if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors, message: Object.values(fieldErrors)[0]! };
      return guardedSave(qc, cid, base, (v) => updateProgressAction(params, { ...draft, expected_version: v }));
    },
  });

  const blocker = useMutation({
    mutationFn: async (body: { action: "add" | "remove"; blocker: string }): Promise<SaveOutcome> => {
      const fieldErrors = fieldErrorsOf(BlockerBody, body);
      if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors, message: Object.values(fieldErrors)[0]! };
      const r = await manageBlockerAction(params, body);
      if (!r.ok) return failed(r);
      void qc.invalidateQueries({ queryKey: keys.coordination(cid) });
      if (r.data.status === "already_exists") return { status: "saved", message: "That blocker is already on the list." };
      if (r.data.status === "not_found") return { status: "saved", message: "That blocker was already resolved." };
      return { status: "saved" };
    },
  });

  const decision = useMutation({
    mutationFn: async (body: { decision: string; rationale: string }): Promise<SaveOutcome> => {
      const fieldErrors = fieldErrorsOf(DecisionBody, body);
      if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors, message: Object.values(fieldErrors)[0]! };
      const r = await logDecisionAction(params, body);
      if (!r.ok) return failed(r);
      void qc.invalidateQueries({ queryKey: keys.decisions(cid) });
      return { status: "saved" };
    },
  });

  return { saveMission, saveProgress, blocker, decision };
}
