"use client";
// The live whiteboard of one coordination: wires the hooks (data, live updates, edits) to the
// panels. Holds no data access and no rule of its own.
import Link from "next/link";
import { useMemo } from "react";
import { useCoordination } from "@/lib/hooks/useCoordination";
import { useCoordinationLive } from "@/lib/hooks/useCoordinationLive";
import { useRoster } from "@/lib/hooks/useRoster";
import { useDecisions } from "@/lib/hooks/useDecisions";
import { useWhiteboardEdits } from "@/lib/hooks/useWhiteboardEdits";
import type { CoordinationDto } from "@/lib/hooks/api";
import { LiveStatus } from "@/components/ui/LiveStatus";
import { RotateTokens } from "./RotateTokens";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { ErrorState } from "@/components/ui/primitives";
import { MissionPanel, ProgressPanel } from "./MissionPanel";
import { BlockersPanel } from "./BlockersPanel";
import { DecisionsPanel } from "./DecisionsPanel";
import { RosterPanel } from "./RosterPanel";
import { ActivityFeed } from "./ActivityFeed";

export function Whiteboard({ cid, initial }: { cid: string; initial: CoordinationDto }) {
  const coordination = useCoordination(cid, initial);
  const c = coordination.data ?? initial;
  useCoordinationLive(cid, c.last_seq);
  const roster = useRoster(cid);
  const decisions = useDecisions(cid);
  const edits = useWhiteboardEdits(cid);

  const agentNames = useMemo(() => {
    const names = new Set<string>(["Coordinator", "Operator"]);
    for (const a of roster.data?.agents ?? []) names.add(a.agent_id);
    for (const name of Object.keys(c.team_roles)) names.add(name);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [roster.data, c.team_roles]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-xs text-slate-500 dark:text-slate-400">
            <Link href="/" className="hover:underline">
              Coordinations
            </Link>{" "}
            / <span aria-current="page">{cid}</span>
          </nav>
          <h1 className="mt-1 truncate font-mono text-2xl font-semibold tracking-tight">{cid}</h1>
          <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
            <span>
              Session <span className="font-mono">{c.session_id}</span>
            </span>
            {c.workflow_type && <span>Workflow {c.workflow_type}</span>}
            <span>{c.agent_count} agents</span>
            <span className="tabular-nums">Version {c.version}</span>
            <span>
              Last activity <RelativeTime iso={c.last_activity_at} />
            </span>
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <LiveStatus cid={cid} />
          <RotateTokens cid={cid} />
        </div>
      </div>
      {coordination.error && (
        <ErrorState message={`Could not refresh the whiteboard: ${coordination.error.message}`} onRetry={() => void coordination.refetch()} />
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <MissionPanel
            mission={c.mission}
            currentFocus={c.current_focus}
            saving={edits.saveMission.isPending}
            onSave={(draft, base) => edits.saveMission.mutateAsync({ draft, base })}
          />
          <ProgressPanel
            progress={c.progress}
            saving={edits.saveProgress.isPending}
            onSave={(draft, base) => edits.saveProgress.mutateAsync({ draft, base })}
          />
          <ActivityFeed cid={cid} agentNames={agentNames} />
        </div>
        <div className="min-w-0 space-y-6">
          <BlockersPanel blockers={c.active_blockers} busy={edits.blocker.isPending} onChange={(body) => edits.blocker.mutateAsync(body)} />
          <DecisionsPanel
            decisions={decisions.data}
            loading={decisions.isPending}
            error={decisions.error?.message ?? null}
            onRetry={() => void decisions.refetch()}
            busy={edits.decision.isPending}
            onLog={(body) => edits.decision.mutateAsync(body)}
          />
          <RosterPanel
            cid={cid}
            agents={roster.data?.agents}
            loading={roster.isPending}
            error={roster.error?.message ?? null}
            onRetry={() => void roster.refetch()}
          />
        </div>
      </div>
    </div>
  );
}
