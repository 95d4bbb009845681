"use client";
// The context inspector for one agent: what it receives (structured, raw, as prompt text), how
// big it is, how it changed, and its resource allocation editor. Live like the whiteboard.
import Link from "next/link";
import { useCoordination } from "@/lib/hooks/useCoordination";
import { useCoordinationLive } from "@/lib/hooks/useCoordinationLive";
import { contextSizeBytes, useAgentContext, useAgentView, useContextVersions } from "@/lib/hooks/useAgentContext";
import { useResourceEditor } from "@/lib/hooks/useResourceEditor";
import type { AgentContext, CoordinationDto } from "@/lib/hooks/api";
import { LiveStatus } from "@/components/ui/LiveStatus";
import { Tabs } from "@/components/ui/Tabs";
import { Badge, EmptyState, ErrorState, formatBytes, Panel, Skeleton } from "@/components/ui/primitives";
import { ContextStructured } from "./ContextStructured";
import { VersionHistory } from "./VersionHistory";
import { ResourceEditor } from "./ResourceEditor";

export function Inspector({
  cid,
  aid,
  initialCoordination,
  initialContext,
}: {
  cid: string;
  aid: string;
  initialCoordination: CoordinationDto;
  initialContext: AgentContext;
}) {
  const coordination = useCoordination(cid, initialCoordination);
  useCoordinationLive(cid, (coordination.data ?? initialCoordination).last_seq);
  const contextQ = useAgentContext(cid, aid, initialContext);
  const versions = useContextVersions(cid, aid);
  const view = useAgentView(cid, aid);
  const context = contextQ.data;
  const editor = useResourceEditor(cid, aid, context);
  const missing = contextQ.error && "status" in contextQ.error && contextQ.error.status === 404;

  const size = context ? contextSizeBytes(context) : 0;
  const whiteboard = `/coordinations/${encodeURIComponent(cid)}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-xs text-slate-500 dark:text-slate-400">
            <Link href="/" className="hover:underline">
              Coordinations
            </Link>{" "}
            /{" "}
            <Link href={whiteboard} className="hover:underline">
              {cid}
            </Link>{" "}
            / <span aria-current="page">{aid}</span>
          </nav>
          <h1 className="mt-1 truncate font-mono text-2xl font-semibold tracking-tight">{aid}</h1>
          {context && (
            <p className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
              <span>{context.coordination_metadata.agent_role}</span>
              <Badge tone="indigo">Context version {context.context_version}</Badge>
              <span title={`${size.toLocaleString("en")} bytes of JSON`}>
                Size {formatBytes(size)} <span className="text-slate-400">({size.toLocaleString("en")} bytes)</span>
              </span>
            </p>
          )}
        </div>
        <LiveStatus cid={cid} />
      </div>

      {missing ? (
        <EmptyState>
          This agent no longer has a context here (it was cleared or redistributed). <Link href={whiteboard} className="text-indigo-600 underline">Back to the whiteboard</Link>
        </EmptyState>
      ) : (
        <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
          <Panel title="Context package" id="context-heading" className="min-w-0">
            {contextQ.error && !context ? (
              <ErrorState message={`Could not load the context: ${contextQ.error.message}`} onRetry={() => void contextQ.refetch()} />
            ) : !context ? (
              <Skeleton lines={6} label="Loading the context" />
            ) : (
              <Tabs
                label="Context views"
                tabs={[
                  { id: "structured", label: "Structured", content: <ContextStructured context={context} /> },
                  {
                    id: "raw",
                    label: "Raw JSON",
                    content: (
                      <pre aria-label="Raw JSON" className="max-h-[40rem] overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs leading-5 dark:bg-slate-950">
                        {JSON.stringify(context, null, 2)}
                      </pre>
                    ),
                  },
                  {
                    id: "prompt",
                    label: "Agent prompt",
                    content: view.error ? (
                      <ErrorState message={`Could not load the agent view: ${view.error.message}`} onRetry={() => void view.refetch()} />
                    ) : !view.data ? (
                      <Skeleton label="Loading the agent view" />
                    ) : (
                      <div>
                        <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
                          The whiteboard block this agent gets in its prompt (<code>context_message</code>), as of whiteboard version {view.data.version}.
                        </p>
                        <pre aria-label="Context message" className="whitespace-pre-wrap rounded-lg bg-slate-50 p-3 font-mono text-xs leading-5 dark:bg-slate-950">
                          {view.data.context_message}
                        </pre>
                      </div>
                    ),
                  },
                  {
                    id: "history",
                    label: "History and diff",
                    content: versions.error ? (
                      <ErrorState message={`Could not load the history: ${versions.error.message}`} onRetry={() => void versions.refetch()} />
                    ) : !versions.data ? (
                      <Skeleton label="Loading the history" />
                    ) : (
                      <VersionHistory versions={versions.data.versions} />
                    ),
                  },
                ]}
              />
            )}
          </Panel>
          <div>
            <ResourceEditor editor={editor} />
          </div>
        </div>
      )}
    </div>
  );
}
