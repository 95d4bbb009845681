// JSON as a readable, collapsible tree. Everything is rendered as text: agents write these
// values, so nothing here may ever become HTML.
import type { ReactNode } from "react";

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-slate-400">null</span>;
  if (typeof value === "string")
    return <span className="whitespace-pre-wrap break-words text-emerald-700 dark:text-emerald-300">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="tabular-nums text-sky-700 dark:text-sky-300">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700 dark:text-violet-300">{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === "object" && v !== null;
}

export function JsonTree({ value, depth = 0, openDepth = 2 }: { value: unknown; depth?: number; openDepth?: number }): ReactNode {
  if (!isContainer(value)) return <Scalar value={value} />;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (entries.length === 0) return <span className="text-slate-400">{Array.isArray(value) ? "[ ]" : "{ }"}</span>;
  return (
    <ul className={depth > 0 ? "ml-3 border-l border-slate-200 pl-3 dark:border-slate-700" : ""}>
      {entries.map(([k, v]) => (
        <li key={k} className="py-0.5 font-mono text-xs leading-5">
          {isContainer(v) && (Array.isArray(v) ? v.length : Object.keys(v).length) > 0 ? (
            <details open={depth + 1 < openDepth}>
              <summary className="cursor-pointer select-none rounded text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-200">
                <span className="font-semibold">{k}</span>
                <span className="ml-1 text-slate-400">
                  {Array.isArray(v) ? `[${v.length}]` : `{${Object.keys(v).length}}`}
                </span>
              </summary>
              <JsonTree value={v} depth={depth + 1} openDepth={openDepth} />
            </details>
          ) : (
            <>
              <span className="font-semibold text-slate-700 dark:text-slate-200">{k}</span>
              <span className="text-slate-400">: </span>
              <JsonTree value={v} depth={depth + 1} openDepth={openDepth} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
