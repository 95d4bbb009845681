"use client";
// The context's history and a diff between any two of its versions, as a list of paths.
import { useId, useState } from "react";
import type { ContextVersionDto } from "@/lib/hooks/api";
import { useContextDiff, type DiffEntry } from "@/lib/hooks/useContextDiff";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Badge, EmptyState, formatBytes, selectClass, type Tone } from "@/components/ui/primitives";

const KIND_TONE: Record<DiffEntry["kind"], Tone> = { added: "emerald", changed: "amber", removed: "rose", moved: "sky" };

function label(v: ContextVersionDto, all: ContextVersionDto[]) {
  const sameVersion = all.filter((o) => o.context_version === v.context_version).length > 1;
  return `v${v.context_version}${sameVersion ? ` (revision ${v.revision})` : ""} · ${v.reason}`;
}

function VersionSelect(props: {
  id: string;
  label: string;
  value: number | undefined;
  onChange: (revision: number) => void;
  versions: ContextVersionDto[];
}) {
  return (
    <div>
      <label htmlFor={props.id} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
        {props.label}
      </label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        className={`${selectClass} py-1.5 text-sm`}
      >
        {props.versions.map((v) => (
          <option key={v.revision} value={v.revision}>
            {label(v, props.versions)}
          </option>
        ))}
      </select>
    </div>
  );
}

function show(value: unknown) {
  return JSON.stringify(value, null, 1)?.replace(/\n\s*/g, " ") ?? "undefined";
}

export function DiffList({ entries }: { entries: DiffEntry[] }) {
  if (entries.length === 0) return <EmptyState>These two versions are identical.</EmptyState>;
  return (
    <ul aria-label="Differences" className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {entries.map((e) => (
        <li key={`${e.kind}:${e.path}`} className="px-3 py-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={KIND_TONE[e.kind]}>{e.kind}</Badge>
            <code className="break-all font-mono text-xs font-semibold">{e.path || "(whole context)"}</code>
          </div>
          <div className="mt-1 space-y-0.5 font-mono text-xs">
            {"before" in e && (
              <p className="break-words text-rose-700 dark:text-rose-300">
                <span aria-hidden>− </span>
                <span className="sr-only">before: </span>
                {show(e.before)}
              </p>
            )}
            {"after" in e && (
              <p className="break-words text-emerald-700 dark:text-emerald-300">
                <span aria-hidden>+ </span>
                <span className="sr-only">after: </span>
                {show(e.after)}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function VersionHistory({ versions }: { versions: ContextVersionDto[] }) {
  const id = useId();
  // Revisions, newest first; by default compare the previous revision with the newest.
  const [to, setTo] = useState<number | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const toRev = to ?? versions[0]?.revision;
  const fromRev = from ?? versions[1]?.revision ?? versions[0]?.revision;
  const toV = versions.find((v) => v.revision === toRev);
  const fromV = versions.find((v) => v.revision === fromRev);
  const entries = useContextDiff(fromV?.context, toV?.context);

  if (versions.length === 0) return <EmptyState>No history.</EmptyState>;

  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
      <div>
        <h3 className="mb-2 text-sm font-semibold">History</h3>
        <ol aria-label="Context versions" className="space-y-1.5 text-sm">
          {versions.map((v) => (
            <li key={v.revision} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium">{label(v, versions)}</span>
                <span className="text-xs tabular-nums text-slate-500">{formatBytes(v.size_bytes)}</span>
              </div>
              <RelativeTime iso={v.created_at} className="text-xs text-slate-500 dark:text-slate-400" />
            </li>
          ))}
        </ol>
      </div>
      <div className="min-w-0">
        <h3 className="mb-2 text-sm font-semibold">Compare versions</h3>
        <div className="mb-3 flex flex-wrap items-end gap-3">
          <VersionSelect id={`${id}-from`} label="From" value={fromRev} onChange={setFrom} versions={versions} />
          <VersionSelect id={`${id}-to`} label="To" value={toRev} onChange={setTo} versions={versions} />
        </div>
        {entries && <DiffList entries={entries} />}
      </div>
    </div>
  );
}
