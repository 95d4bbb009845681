"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useCoordinations } from "@/lib/hooks/useCoordinations";
import type { CoordinationDto } from "@/lib/hooks/api";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Badge, EmptyState, ErrorState, inputClass } from "@/components/ui/primitives";

function matches(c: CoordinationDto, q: string) {
  if (!q) return true;
  const hay = `${c.coordination_id} ${c.session_id} ${c.workflow_type ?? ""} ${c.mission}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => hay.includes(w));
}

export function CoordinationList({ initial }: { initial: { coordinations: CoordinationDto[]; next_cursor: string | null } }) {
  const { data, error, refetch } = useCoordinations(initial);
  const [query, setQuery] = useState("");
  const q = useDeferredValue(query.trim());
  const all = data?.coordinations ?? [];
  const shown = all.filter((c) => matches(c, q));

  if (all.length === 0) {
    return (
      <>
        {error && <ErrorState message={`Could not refresh the list: ${error.message}`} onRetry={() => void refetch()} />}
        <EmptyState>
          No coordinations yet. A coordinator creates one with <code className="font-mono">POST /api/v1/coordinations</code>; it
          appears here within seconds.
        </EmptyState>
      </>
    );
  }

  return (
    <div className="space-y-3">
      {error && <ErrorState message={`Could not refresh the list: ${error.message}`} onRetry={() => void refetch()} />}
      <div className="flex flex-wrap items-center gap-3">
        <label className="w-full max-w-sm">
          <span className="sr-only">Filter coordinations</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Filter by id, session, workflow or mission"
            className={inputClass}
          />
        </label>
        <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {shown.length === all.length ? `${all.length} coordinations` : `${shown.length} of ${all.length} coordinations`}
          {data?.next_cursor ? " (the 200 most recently active)" : ""}
        </p>
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full min-w-[52rem] border-collapse text-left text-sm">
          <caption className="sr-only">Coordinations, most recently active first</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">Coordination</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Session</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Workflow</th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">Agents</th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">Open blockers</th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">Version</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.coordination_id} className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50">
                <td className="max-w-xs px-4 py-2.5">
                  <Link
                    className="font-mono font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
                    href={`/coordinations/${encodeURIComponent(c.coordination_id)}`}
                  >
                    {c.coordination_id}
                  </Link>
                  {c.mission && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{c.mission}</p>}
                </td>
                <td className="px-4 py-2.5 font-mono text-xs">{c.session_id}</td>
                <td className="px-4 py-2.5">{c.workflow_type ?? <span className="text-slate-400">—</span>}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{c.agent_count}</td>
                <td className="px-4 py-2.5 text-right">
                  {c.active_blockers.length > 0 ? (
                    <Badge tone="rose">{c.active_blockers.length}</Badge>
                  ) : (
                    <span className="tabular-nums text-slate-400">0</span>
                  )}
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">{c.version}</td>
                <td className="px-4 py-2.5 text-slate-600 dark:text-slate-300">
                  <RelativeTime iso={c.last_activity_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="px-4 py-6 text-center text-sm text-slate-500">Nothing matches “{q}”.</p>}
      </div>
    </div>
  );
}
