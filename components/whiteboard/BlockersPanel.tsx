"use client";
import { useId, useState, type FormEvent } from "react";
import type { SaveOutcome } from "@/lib/hooks/useWhiteboardEdits";
import { buttonClass, EmptyState, FieldError, inputClass, Panel } from "@/components/ui/primitives";

export function BlockersPanel({
  blockers,
  onChange,
  busy,
}: {
  blockers: string[];
  onChange: (body: { action: "add" | "remove"; blocker: string }) => Promise<SaveOutcome>;
  busy: boolean;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const r = await onChange({ action: "add", blocker: text });
    setOutcome(r);
    if (r.status === "saved") setText("");
  };
  const resolve = async (blocker: string) => setOutcome(await onChange({ action: "remove", blocker }));
  const error = outcome?.status === "invalid" ? (outcome.fieldErrors.blocker ?? outcome.message) : undefined;

  return (
    <Panel title="Active blockers" id="blockers-heading" count={blockers.length}>
      {blockers.length === 0 ? (
        <EmptyState>Nothing is blocking the team.</EmptyState>
      ) : (
        <ul aria-label="Active blockers" className="space-y-2">
          {blockers.map((b) => (
            <li
              key={b}
              className="flex items-start justify-between gap-3 rounded-lg border border-rose-200 bg-rose-50/60 px-3 py-2 text-sm dark:border-rose-900 dark:bg-rose-950/40"
            >
              <span className="whitespace-pre-wrap break-words">{b}</span>
              <button
                type="button"
                disabled={busy}
                onClick={() => void resolve(b)}
                aria-label={`Resolve blocker: ${b}`}
                className={buttonClass("secondary", "sm")}
              >
                Resolve
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="mt-4 flex items-start gap-2">
        <div className="flex-1">
          <label htmlFor={`${id}-blocker`} className="sr-only">
            New blocker
          </label>
          <input
            id={`${id}-blocker`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Describe a new blocker"
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${id}-blocker-error` : undefined}
            className={inputClass}
          />
          <FieldError id={`${id}-blocker-error`} message={error} />
        </div>
        <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
          Add blocker
        </button>
      </form>
      {outcome?.status === "saved" && outcome.message && (
        <p role="status" className="mt-2 text-xs text-slate-500">
          {outcome.message}
        </p>
      )}
      {outcome?.status === "error" && (
        <p role="alert" className="mt-2 text-xs text-rose-600">
          {outcome.message}
        </p>
      )}
    </Panel>
  );
}
