"use client";
import { useState } from "react";
import type { SaveOutcome } from "@/lib/hooks/useWhiteboardEdits";
import { buttonClass, Panel } from "@/components/ui/primitives";
import { FieldsEditor } from "./FieldsEditor";

export function MissionPanel({
  mission,
  currentFocus,
  onSave,
  saving,
}: {
  mission: string;
  currentFocus: string;
  onSave: (draft: { mission: string; current_focus: string }, base: Record<string, string>) => Promise<SaveOutcome>;
  saving: boolean;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Panel
      title="Mission and focus"
      id="mission-heading"
      actions={
        !editing && (
          <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setEditing(true)}>
            Edit mission
          </button>
        )
      }
    >
      {editing ? (
        <FieldsEditor
          fields={[
            { name: "mission", label: "Mission", value: mission, rows: 2, placeholder: "The team's overall goal" },
            { name: "current_focus", label: "Current focus", value: currentFocus, rows: 2, placeholder: "What the team works on now" },
          ]}
          saving={saving}
          onSave={(draft, base) => onSave({ mission: draft.mission ?? "", current_focus: draft.current_focus ?? "" }, base)}
          onDone={() => setEditing(false)}
        />
      ) : (
        <dl className="space-y-3">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Mission</dt>
            <dd className="mt-0.5 whitespace-pre-wrap text-lg font-medium leading-snug">
              {mission || <span className="text-base font-normal text-slate-400">Not set</span>}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Current focus</dt>
            <dd className="mt-0.5 whitespace-pre-wrap">
              {currentFocus || <span className="text-slate-400">Not set</span>}
            </dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}

export function ProgressPanel({
  progress,
  onSave,
  saving,
}: {
  progress: string;
  onSave: (draft: { progress: string }, base: Record<string, string>) => Promise<SaveOutcome>;
  saving: boolean;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Panel
      title="Progress"
      id="progress-heading"
      actions={
        !editing && (
          <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setEditing(true)}>
            Update progress
          </button>
        )
      }
    >
      {editing ? (
        <FieldsEditor
          fields={[{ name: "progress", label: "Progress", value: progress, rows: 3, placeholder: "Where the team stands" }]}
          saving={saving}
          onSave={(draft, base) => onSave({ progress: draft.progress ?? "" }, base)}
          onDone={() => setEditing(false)}
        />
      ) : (
        <p className="whitespace-pre-wrap">
          {progress || <span className="text-slate-400">No progress reported yet.</span>}
        </p>
      )}
    </Panel>
  );
}
