"use client";
// The resource editor's state and rules: the form follows the live context until the operator
// types; from then on it is pinned to the version it was loaded from, is validated with the
// API's ResourceAllocation schema as it changes, and saves only the changed fields with
// expected_version = that version. A stale save comes back as a conflict with the current
// values; nothing is overwritten until the operator says so.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { ResourceAllocation, type AgentContext } from "@/lib/schemas/contexts";
import { updateResourceAllocationAction } from "@/app/coordinations/[cid]/agents/[aid]/actions";
import { fieldErrorsFromAction, fieldErrorsOf, type FieldErrors } from "./forms";

export type ResourceField = keyof ResourceAllocation;

export const RESOURCE_FIELDS: { name: ResourceField; label: string; unit?: string; step: string; hint: string }[] = [
  { name: "max_execution_time_ms", label: "Max execution time", unit: "ms", step: "1000", hint: "at least 1000" },
  { name: "timeout_ms", label: "Timeout", unit: "ms", step: "100", hint: "at least 100" },
  { name: "max_retry_attempts", label: "Max retry attempts", step: "1", hint: "0 to 100" },
  { name: "max_memory_mb", label: "Max memory", unit: "MB", step: "1", hint: "1 to 1048576" },
  { name: "quality_threshold", label: "Quality threshold", step: "0.01", hint: "0 to 1" },
  { name: "concurrency_limit", label: "Concurrency limit", step: "1", hint: "1 to 10000" },
];

type Draft = Record<ResourceField, string>;

interface Pinned {
  version: number;
  values: ResourceAllocation;
  draft: Draft;
}

export interface ResourceConflict {
  currentVersion: number;
  current: ResourceAllocation;
}

function toDraft(values: ResourceAllocation): Draft {
  const out = {} as Draft;
  for (const { name } of RESOURCE_FIELDS) out[name] = String(values[name]);
  return out;
}

function toNumbers(draft: Draft): Record<ResourceField, number | undefined> {
  const out = {} as Record<ResourceField, number | undefined>;
  for (const { name } of RESOURCE_FIELDS) out[name] = draft[name].trim() === "" ? undefined : Number(draft[name]);
  return out;
}

export function useResourceEditor(cid: string, aid: string, context: AgentContext | undefined) {
  const qc = useQueryClient();
  const [pinned, setPinned] = useState<Pinned | null>(null);
  const [conflict, setConflict] = useState<ResourceConflict | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<number | null>(null);

  const live = context ? { version: context.context_version, values: context.resource_allocation } : null;
  const version = pinned?.version ?? live?.version ?? null;
  const draft = pinned?.draft ?? (live ? toDraft(live.values) : null);
  const errors: FieldErrors = draft ? { ...fieldErrorsOf(ResourceAllocation, toNumbers(draft)), ...serverErrors } : {};
  const changed = pinned
    ? RESOURCE_FIELDS.map((f) => f.name).filter((name) => String(pinned.values[name]) !== pinned.draft[name].trim())
    : [];

  const setField = (name: ResourceField, value: string) => {
    if (!live) return;
    setSaved(null);
    setServerErrors(({ [name]: _dropped, ...rest }) => rest);
    setPinned((p) => {
      const base = p ?? { version: live.version, values: live.values, draft: toDraft(live.values) };
      return { ...base, draft: { ...base.draft, [name]: value } };
    });
  };

  const reset = () => {
    setPinned(null);
    setConflict(null);
    setServerErrors({});
  };

  /** After a conflict: keep my edits and save them over the current version next time. */
  const rebase = () => {
    if (!conflict || !pinned) return;
    setPinned({ version: conflict.currentVersion, values: conflict.current, draft: pinned.draft });
    setConflict(null);
  };

  const save = useMutation({
    mutationFn: async () => {
      if (!pinned || Object.keys(errors).length > 0 || changed.length === 0) return;
      const numbers = toNumbers(pinned.draft);
      const partial = Object.fromEntries(changed.map((name) => [name, numbers[name]]));
      const r = await updateResourceAllocationAction(
        { cid, aid },
        { resource_allocation: partial, expected_version: pinned.version },
      );
      if (r.ok) {
        setPinned(null);
        setConflict(null);
        setSaved(r.data.context_version);
        void qc.invalidateQueries({ queryKey: keys.agent(cid, aid) });
        void qc.invalidateQueries({ queryKey: keys.roster(cid) });
        return;
      }
      if (r.error.code === "conflict" && r.current) {
        const current = r.current as AgentContext;
        setConflict({ currentVersion: current.context_version, current: current.resource_allocation });
        void qc.invalidateQueries({ queryKey: keys.agent(cid, aid) });
        return;
      }
      if (r.error.code === "validation_error") {
        setServerErrors(fieldErrorsFromAction(r.error, "resource_allocation."));
        return;
      }
      throw new Error(r.error.message);
    },
  });

  return {
    /** The version the form shows or was loaded from. */
    version,
    /** The live context moved on while the operator was editing. */
    behind: pinned && live && live.version > pinned.version ? live.version : null,
    draft,
    errors,
    dirty: pinned !== null,
    changed,
    conflict,
    saved,
    setField,
    reset,
    rebase,
    save: () => save.mutate(),
    saving: save.isPending,
    saveError: save.error?.message ?? null,
  };
}
