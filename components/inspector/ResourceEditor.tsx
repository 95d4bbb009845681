"use client";
// The resource allocation form. Its state and rules live in useResourceEditor; this renders
// them: each field with its validation message beside it, and the conflict when a save is stale.
import { useId, type FormEvent } from "react";
import { RESOURCE_FIELDS, type useResourceEditor } from "@/lib/hooks/useResourceEditor";
import { buttonClass, FieldError, inputClass, Panel } from "@/components/ui/primitives";

type Editor = ReturnType<typeof useResourceEditor>;

export function ResourceEditor({ editor }: { editor: Editor }) {
  const id = useId();
  const { draft, errors, conflict } = editor;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    editor.save();
  };
  const invalid = Object.keys(errors).length > 0;

  return (
    <Panel title="Resource allocation" id="resources-heading">
      {!draft ? null : (
        <form onSubmit={submit} noValidate aria-describedby={`${id}-status`} className="space-y-3">
          <p id={`${id}-status`} className="text-xs text-slate-500 dark:text-slate-400">
            {editor.dirty ? `Editing from context version ${editor.version}.` : `Context version ${editor.version}.`}
          </p>
          {RESOURCE_FIELDS.map((f) => {
            const error = errors[f.name];
            const changed = editor.changed.includes(f.name);
            return (
              <div key={f.name}>
                <label htmlFor={`${id}-${f.name}`} className="flex items-baseline justify-between text-xs font-medium text-slate-700 dark:text-slate-200">
                  <span>
                    {f.label}
                    {f.unit && <span className="font-normal text-slate-400"> ({f.unit})</span>}
                    {changed && <span className="ml-1 text-indigo-600 dark:text-indigo-400">• changed</span>}
                  </span>
                  <span className="font-normal text-slate-400">{f.hint}</span>
                </label>
                <input
                  id={`${id}-${f.name}`}
                  name={f.name}
                  type="number"
                  inputMode="decimal"
                  step={f.step}
                  value={draft[f.name]}
                  onChange={(e) => editor.setField(f.name, e.target.value)}
                  aria-invalid={Boolean(error)}
                  aria-describedby={error ? `${id}-${f.name}-error` : undefined}
                  className={`${inputClass} mt-1 tabular-nums`}
                />
                <FieldError id={`${id}-${f.name}-error`} message={error} />
              </div>
            );
          })}
          {editor.behind && !conflict && (
            <p role="status" className="rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              This agent&apos;s context moved on to version {editor.behind} while you were editing; saving will report a conflict.
            </p>
          )}
          {conflict && (
            <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
              <p className="font-medium">
                Conflict: the context is now at version {conflict.currentVersion}, not {editor.version}. Nothing was saved.
              </p>
              <p className="mt-1 text-xs">Current values:</p>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 font-mono text-xs">
                {RESOURCE_FIELDS.map((f) => (
                  <div key={f.name} className="contents">
                    <dt>{f.name}</dt>
                    <dd className="tabular-nums">{String(conflict.current[f.name])}</dd>
                  </div>
                ))}
              </dl>
              <div className="mt-3 flex flex-wrap gap-2">
                <button type="button" onClick={editor.reset} className={buttonClass("secondary", "sm")}>
                  Discard mine, use current
                </button>
                <button type="button" onClick={editor.rebase} className={buttonClass("secondary", "sm")}>
                  Keep mine, save over version {conflict.currentVersion}
                </button>
              </div>
            </div>
          )}
          {editor.saveError && (
            <p role="alert" className="text-xs text-rose-600">
              {editor.saveError}
            </p>
          )}
          {editor.saved !== null && !editor.dirty && (
            <p role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
              Saved as context version {editor.saved}.
            </p>
          )}
          <div className="flex gap-2">
            <button type="submit" disabled={!editor.dirty || invalid || editor.saving || editor.changed.length === 0} className={buttonClass("primary", "sm")}>
              {editor.saving ? "Saving…" : "Save resources"}
            </button>
            {editor.dirty && (
              <button type="button" onClick={editor.reset} className={buttonClass("ghost", "sm")}>
                Reset
              </button>
            )}
          </div>
        </form>
      )}
    </Panel>
  );
}
