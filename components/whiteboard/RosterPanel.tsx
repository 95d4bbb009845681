"use client";
import Link from "next/link";
import type { RosterEntryDto } from "@/lib/hooks/api";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Badge, EmptyState, ErrorState, Panel, Skeleton } from "@/components/ui/primitives";

export function RosterPanel({
  cid,
  agents,
  loading,
  error,
  onRetry,
}: {
  cid: string;
  agents: RosterEntryDto[] | undefined;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
}) {
  return (
    <Panel title="Team" id="roster-heading" count={agents?.length}>
      {error ? (
        <ErrorState message={`Could not load the team: ${error}`} onRetry={onRetry} />
      ) : loading ? (
        <Skeleton label="Loading the team" />
      ) : !agents?.length ? (
        <EmptyState>This coordination has no agent contexts.</EmptyState>
      ) : (
        <ul aria-label="Team roster" className="-my-2 max-h-[28rem] divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
          {agents.map((a) => (
            <li key={a.agent_id} className="py-2.5">
              <div className="flex items-center justify-between gap-2">
                <Link
                  href={`/coordinations/${encodeURIComponent(cid)}/agents/${encodeURIComponent(a.agent_id)}`}
                  className="truncate font-mono text-sm font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
                  aria-label={`Inspect ${a.agent_id}'s context`}
                >
                  {a.agent_id}
                </Link>
                <Badge tone="indigo" className="shrink-0 tabular-nums">
                  <span className="sr-only">context version </span>v{a.context_version}
                </Badge>
              </div>
              {a.agent_role !== a.agent_id && <p className="truncate text-sm text-slate-700 dark:text-slate-200">{a.agent_role}</p>}
              {a.team_role && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{a.team_role}</p>}
              <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
                Last activity:{" "}
                {a.last_activity_at ? <RelativeTime iso={a.last_activity_at} /> : <span>no updates yet</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
