"use client";
import { useConnectionStatus, usePresence } from "@/lib/hooks/usePresence";
import { cx } from "./primitives";

const LABEL = { live: "Live", reconnecting: "Reconnecting…", connecting: "Connecting…" } as const;

/** The connection indicator and how many operators are on this coordination now. */
export function LiveStatus({ cid }: { cid: string }) {
  const status = useConnectionStatus();
  const operators = usePresence(cid);
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <span
        role="status"
        aria-label={`Connection: ${LABEL[status]}`}
        className={cx(
          "inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 font-medium ring-1 ring-inset",
          status === "live"
            ? "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800"
            : "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
        )}
      >
        <span
          aria-hidden
          className={cx("size-2 rounded-full", status === "live" ? "bg-emerald-500" : "animate-pulse bg-amber-500")}
        />
        {LABEL[status]}
      </span>
      {operators !== null && (
        <span
          role="status"
          aria-label="Operators here now"
          title="Operators with this coordination open now"
          className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 font-medium text-slate-700 ring-1 ring-inset ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="size-3.5 fill-current">
            <path d="M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm6.5 0a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM1 16.5C1 13.5 3.7 11 7 11s6 2.5 6 5.5V17H1v-.5Zm13 .5v-.5c0-1.6-.6-3.1-1.6-4.2.4-.1.8-.1 1.1-.1 2.8 0 5 2 5 4.3v.5h-4.5Z" />
          </svg>
          {operators} {operators === 1 ? "operator" : "operators"} viewing
        </span>
      )}
    </div>
  );
}
