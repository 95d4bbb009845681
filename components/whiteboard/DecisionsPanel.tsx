"use client";
import { useId, useState, type FormEvent } from "react";
import { DECISIONS_SHOWN, type Decision } from "@/lib/hooks/useDecisions";
import type { SaveOutcome } from "@/lib/hooks/useWhiteboardEdits";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { buttonClass, EmptyState, ErrorState, FieldError, inputClass, Panel, Skeleton } from "@/components/ui/primitives";

export function DecisionsPanel({
  decisions,
  loading,
  error,
  onRetry,
  onLog,
  busy,
}: {
  decisions: Decision[] | undefined;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  onLog: (body: { decision: string; rationale: string }) => Promise<SaveOutcome>;
  busy: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [decision, setDecision] = useState("");
  const [rationale, setRationale] = useState("");
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const errors = outcome?.status === "invalid" ? outcome.fieldErrors : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await onLog({ decision, rationale });
    setOutcome(r);
    if (r.status === "saved") {
      setDecision("");
      setRationale("");
      setOpen(false);
    }
  };

  return (
    <Panel
      title="Decisions"
      id="decisions-heading"
      count={decisions && (decisions.length >= DECISIONS_SHOWN ? `${DECISIONS_SHOWN}+` : decisions.length)}
      actions={
        !open && (
          <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setOpen(true)}>
            Log decision
          </button>
        )
      }
    >
      {open && (
        <form onSubmit={submit} noValidate className="mb-4 space-y-2 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/50">
          <div>
            <label htmlFor={`${id}-decision`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
              Decision
            </label>
            <input
              id={`${id}-decision`}
              value={decision}
              onChange={(e) => setDecision(e.target.value)}
              aria-invalid={Boolean(errors.decision)}
              aria-describedby={errors.decision ? `${id}-decision-error` : undefined}
              className={inputClass}
              autoFocus
            />
            <FieldError id={`${id}-decision-error`} message={errors.decision} />
          </div>
          <div>
            <label htmlFor={`${id}-rationale`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
              Rationale <span className="font-normal text-slate-400">(optional)</span>
            </label>
            <textarea
              id={`${id}-rationale`}
              rows={2}
              value={rationale}
              onChange={(e) => setRationale(e.target.value)}
              className={inputClass}
            />
            <FieldError id={`${id}-rationale-error`} message={errors.rationale} />
          </div>
          {outcome?.status === "error" && (
            <p role="alert" className="text-xs text-rose-600">
              {outcome.message}
            </p>
          )}
          <div className="flex gap-2">
            <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
              {busy ? "Logging…" : "Log decision"}
            </button>
            <button type="button" onClick={() => setOpen(false)} className={buttonClass("ghost", "sm")}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error ? (
        <ErrorState message={`Could not load decisions: ${error}`} onRetry={onRetry} />
      ) : loading ? (
        <Skeleton label="Loading decisions" />
      ) : !decisions?.length ? (
        <EmptyState>No decisions logged yet.</EmptyState>
      ) : (
        <ol aria-label="Decisions" className="max-h-96 space-y-3 overflow-y-auto pr-1">
          {decisions.map((d) => (
            <li key={d.seq} className="border-l-2 border-violet-400 pl-3">
              <p className="whitespace-pre-wrap break-words text-sm font-medium">{d.decision}</p>
              {d.rationale && (
                <p className="mt-0.5 whitespace-pre-wrap break-words text-sm text-slate-600 dark:text-slate-300">
                  <span className="sr-only">Rationale: </span>
                  {d.rationale}
                </p>
              )}
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                {d.agentName} · <RelativeTime iso={d.createdAt} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
