"use client";
// The coordination's update log, newest first, virtualized so 10,000 entries scroll smoothly;
// older windows load as the list nears its end. Content comes from agents: text only.
import { useEffect, useId, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { UPDATE_TYPES } from "@/lib/schemas/whiteboard";
import { useFeed } from "@/lib/hooks/useFeed";
import type { UpdateEvent } from "@/lib/hooks/api";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Badge, buttonClass, EmptyState, ErrorState, Panel, selectClass, Skeleton, UPDATE_TYPE_TONE } from "@/components/ui/primitives";

const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** One line people can read for the log's known shapes; compact JSON for the rest. */
function summarize(u: UpdateEvent): string {
  const c = u.content;
  switch (c.action) {
    case "mission_updated":
      return `Mission: ${str(c.mission)}${c.focus ? ` · Focus: ${str(c.focus)}` : ""}`;
    case "progress_updated":
      return `Progress: ${str(c.progress)}`;
    case "blocker_add":
      return `Blocker added: ${str(c.blocker)}`;
    case "blocker_remove":
      return `Blocker resolved: ${str(c.blocker)}`;
  }
  if (u.update_type === "decision" && "decision" in c) {
    return `Decision: ${str(c.decision)}${c.rationale ? ` (rationale: ${str(c.rationale)})` : ""}`;
  }
  const entries = Object.entries(c);
  if (entries.length === 0) return "{}";
  return entries.map(([k, v]) => `${k}: ${str(v)}`).join(" · ");
}

function FeedRow({ u }: { u: UpdateEvent }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="px-4 py-2.5">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <Badge tone={UPDATE_TYPE_TONE[u.update_type] ?? "slate"}>{u.update_type}</Badge>
        <span className="font-medium text-slate-800 dark:text-slate-100">{u.agent_name}</span>
        <span className="text-slate-400">#{u.seq}</span>
        <span className="ml-auto text-slate-500 dark:text-slate-400">
          <RelativeTime iso={u.created_at} />
        </span>
      </div>
      <p className="mt-1 line-clamp-3 whitespace-pre-wrap break-words text-sm text-slate-700 dark:text-slate-200">{summarize(u)}</p>
      <div className="mt-1 flex flex-wrap items-center gap-1.5">
        {u.tags.map((t) => (
          <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            {t}
          </span>
        ))}
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="ml-auto text-[11px] font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
        >
          {open ? "Hide JSON" : "JSON"}
          <span className="sr-only"> of update {u.seq}</span>
        </button>
      </div>
      {open && (
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950">
          {JSON.stringify(u.content, null, 2)}
        </pre>
      )}
    </div>
  );
}

export function ActivityFeed({ cid, agentNames }: { cid: string; agentNames: string[] }) {
  const id = useId();
  const [updateType, setUpdateType] = useState("");
  const [agentName, setAgentName] = useState("");
  const feed = useFeed(cid, { updateType: updateType || undefined, agentName: agentName || undefined });
  const { hasOlder, isFetchingOlder, loadOlder } = feed;
  const scrollRef = useRef<HTMLDivElement>(null);

  // While the operator reads further down, new arrivals wait above a "new updates" button
  // instead of pushing the rows being read out of view.
  const [pinnedSeq, setPinnedSeq] = useState<number | null>(null);
  const firstShown = pinnedSeq === null ? 0 : feed.items.findIndex((u) => u.seq <= pinnedSeq);
  const waiting = firstShown === -1 ? feed.items.length : firstShown;
  const items = waiting > 0 ? feed.items.slice(waiting) : feed.items;
  const onScroll = () => {
    const away = (scrollRef.current?.scrollTop ?? 0) > 48;
    if (away && pinnedSeq === null) setPinnedSeq(feed.items[0]?.seq ?? 0);
    else if (!away && pinnedSeq !== null) setPinnedSeq(null);
  };
  const showNew = () => {
    scrollRef.current?.scrollTo({ top: 0 });
    setPinnedSeq(null);
  };

  // The React Compiler is not on; this only silences its note that useVirtualizer is not memoizable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length + (hasOlder ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 84,
    overscan: 8,
    getItemKey: (i) => items[i]?.seq ?? "older",
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? -1;

  useEffect(() => {
    if (lastIndex >= items.length - 1 && hasOlder && !isFetchingOlder) loadOlder();
  }, [lastIndex, items.length, hasOlder, isFetchingOlder, loadOlder]);

  const filtered = Boolean(updateType || agentName);

  return (
    <Panel
      title="Activity"
      id="activity-heading"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-type`} className="sr-only">
            Filter by type
          </label>
          <select id={`${id}-type`} value={updateType} onChange={(e) => {
              setUpdateType(e.target.value);
              setPinnedSeq(null);
            }} className={selectClass}>
            <option value="">All types</option>
            {UPDATE_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-agent`} className="sr-only">
            Filter by agent
          </label>
          <select id={`${id}-agent`} value={agentName} onChange={(e) => {
              setAgentName(e.target.value);
              setPinnedSeq(null);
            }} className={selectClass}>
            <option value="">All agents</option>
            {agentNames.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
      }
    >
      {feed.error ? (
        <ErrorState message={`Could not load the activity: ${feed.error.message}`} onRetry={feed.retry} />
      ) : feed.isLoading ? (
        <Skeleton lines={5} label="Loading activity" />
      ) : feed.items.length === 0 && !hasOlder ? (
        <EmptyState>{filtered ? "No updates match these filters." : "No activity yet. Agents' updates appear here as they arrive."}</EmptyState>
      ) : (
        <div className="relative -m-4">
        {waiting > 0 && (
          <button
            type="button"
            onClick={showNew}
            className="absolute left-1/2 top-2 z-10 -translate-x-1/2 rounded-full bg-indigo-600 px-3 py-1 text-xs font-medium text-white shadow-lg hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          >
            ↑ {waiting} new {waiting === 1 ? "update" : "updates"}
          </button>
        )}
        <div
          ref={scrollRef}
          onScroll={onScroll}
          role="feed"
          aria-label="Activity feed, newest first"
          aria-busy={isFetchingOlder}
          tabIndex={0}
          className="h-[32rem] overflow-y-auto rounded-b-xl focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualItems.map((v) => {
              const u = items[v.index];
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${v.start}px)` }}
                  className="border-b border-slate-100 dark:border-slate-800"
                >
                  {u ? (
                    <article aria-posinset={v.index + 1} aria-setsize={hasOlder ? -1 : items.length} aria-label={`${u.update_type} by ${u.agent_name}, #${u.seq}`}>
                      <FeedRow u={u} />
                    </article>
                  ) : (
                    <div className="flex justify-center p-3">
                      <button type="button" onClick={loadOlder} disabled={isFetchingOlder} className={buttonClass("secondary", "sm")}>
                        {isFetchingOlder ? "Loading older updates…" : "Load older updates"}
                      </button>
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        </div>
      )}
    </Panel>
  );
}
