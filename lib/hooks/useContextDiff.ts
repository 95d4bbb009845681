"use client";
// The difference between two versions of a context as a readable list of paths: what was
// added, changed, removed or moved. jsondiffpatch finds it; this only flattens its delta.
import { useMemo } from "react";
import { diff, type Delta } from "jsondiffpatch";

export type DiffKind = "added" | "changed" | "removed" | "moved";

export interface DiffEntry {
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

function join(path: string, key: string | number) {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function walk(delta: Delta, path: string, out: DiffEntry[]) {
  if (delta === undefined) return;
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, kind: "added", after: delta[0] });
    else if (delta.length === 2) out.push({ path, kind: "changed", before: delta[0], after: delta[1] });
    else if (delta[2] === 0) out.push({ path, kind: "removed", before: delta[0] });
    else if (delta[2] === 3) out.push({ path, kind: "moved", after: `to index ${String(delta[1])}` });
    else out.push({ path, kind: "changed", after: delta[0] }); // text diff (not enabled)
    return;
  }
  const obj = delta as Record<string, Delta> & { _t?: string };
  const isArray = obj._t === "a";
  for (const key of Object.keys(obj)) {
    if (key === "_t") continue;
    if (isArray) {
      // "_3": item 3 of the old array (removed or moved); "3": item 3 of the new one.
      const old = key.startsWith("_");
      walk(obj[key], join(path, Number(old ? key.slice(1) : key)), out);
    } else {
      walk(obj[key], join(path, key), out);
    }
  }
}

export function diffContexts(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(diff(before, after), "", out);
  return out;
}

export function useContextDiff(before: unknown, after: unknown): DiffEntry[] | null {
  return useMemo(() => (before === undefined || after === undefined ? null : diffContexts(before, after)), [before, after]);
}
