"use client";
// An inline editor for whiteboard text fields (mission and focus, progress). It remembers what
// the operator started from, so a save that meets someone else's change shows the current
// value instead of overwriting it.
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import type { SaveOutcome } from "@/lib/hooks/useWhiteboardEdits";
import { buttonClass, FieldError, inputClass } from "@/components/ui/primitives";

export interface EditableField {
  name: string;
  label: string;
  value: string;
  rows?: number;
  placeholder?: string;
}

type Values = Record<string, string>;

export function FieldsEditor({
  fields,
  onSave,
  onDone,
  saving,
}: {
  fields: EditableField[];
  onSave: (draft: Values, base: Values) => Promise<SaveOutcome>;
  onDone: () => void;
  saving: boolean;
}) {
  const id = useId();
  const [base, setBase] = useState<Values>(() => Object.fromEntries(fields.map((f) => [f.name, f.value])));
  const [draft, setDraft] = useState<Values>(base);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const result = await onSave(draft, base);
    setOutcome(result);
    if (result.status === "saved") onDone();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") onDone();
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit();
  };
  const errors = outcome?.status === "invalid" ? outcome.fieldErrors : {};

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate className="space-y-3">
      {fields.map((f) => (
        <div key={f.name}>
          <label htmlFor={`${id}-${f.name}`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
            {f.label}
          </label>
          <textarea
            id={`${id}-${f.name}`}
            rows={f.rows ?? 2}
            value={draft[f.name] ?? ""}
            placeholder={f.placeholder}
            onChange={(e) => setDraft((d) => ({ ...d, [f.name]: e.target.value }))}
            aria-invalid={Boolean(errors[f.name])}
            aria-describedby={errors[f.name] ? `${id}-${f.name}-error` : undefined}
            className={inputClass}
            autoFocus={f === fields[0]}
          />
          <FieldError id={`${id}-${f.name}-error`} message={errors[f.name]} />
        </div>
      ))}
      {outcome?.status === "conflict" && (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-medium">Someone else changed this while you were editing. It now reads:</p>
          <dl className="mt-2 space-y-1">
            {fields.map((f) => (
              <div key={f.name}>
                <dt className="text-xs font-medium uppercase tracking-wide opacity-80">{f.label}</dt>
                <dd className="whitespace-pre-wrap">{outcome.current[f.name as keyof typeof outcome.current] || "(empty)"}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              onClick={() => {
                const current = Object.fromEntries(fields.map((f) => [f.name, outcome.current[f.name as keyof typeof outcome.current] ?? ""]));
                setBase(current);
                setDraft(current);
                setOutcome(null);
              }}
            >
              Use theirs
            </button>
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              onClick={() => {
                setBase(Object.fromEntries(fields.map((f) => [f.name, outcome.current[f.name as keyof typeof outcome.current] ?? ""])));
                setOutcome(null);
              }}
            >
              Keep mine, then save again
            </button>
          </div>
        </div>
      )}
      {(outcome?.status === "error" || (outcome?.status === "invalid" && Object.keys(errors).length === 0)) && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {outcome.message}
        </p>
      )}
      <div className="flex items-center gap-2">
        <button type="submit" disabled={saving} className={buttonClass("primary", "sm")}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onDone} className={buttonClass("ghost", "sm")}>
          Cancel
        </button>
        <span className="ml-auto hidden text-xs text-slate-400 sm:inline">Ctrl+Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}
