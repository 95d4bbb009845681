"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import type { CoordinationDto } from "@/lib/schemas/coordinations";

async function fetchCoordinations(): Promise<CoordinationDto[]> {
  const res = await fetch("/api/v1/coordinations?limit=200", { cache: "no-store" });
  if (!res.ok) throw new Error(`could not load coordinations (${res.status})`);
  return ((await res.json()) as { coordinations: CoordinationDto[] }).coordinations;
}

export function CoordinationList({ initial }: { initial: CoordinationDto[] }) {
  const { data, error } = useQuery({
    queryKey: keys.coordinations(),
    queryFn: fetchCoordinations,
    initialData: initial,
    refetchInterval: 5_000,
  });
  if (error) return <p role="alert" className="text-red-600">{error.message}</p>;
  if (data.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700">
        No coordinations yet. A coordinator creates one with <code>POST /api/v1/coordinations</code>.
      </div>
    );
  }
  return (
    <table className="w-full border-collapse text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-2 pr-4 font-medium">Coordination</th>
          <th className="py-2 pr-4 font-medium">Session</th>
          <th className="py-2 pr-4 font-medium">Workflow</th>
          <th className="py-2 pr-4 font-medium">Agents</th>
          <th className="py-2 pr-4 font-medium">Open blockers</th>
          <th className="py-2 pr-4 font-medium">Version</th>
          <th className="py-2 pr-4 font-medium">Last activity</th>
        </tr>
      </thead>
      <tbody>
        {data.map((c) => (
          <tr key={c.coordination_id} className="border-t border-slate-200 dark:border-slate-800">
            <td className="py-2 pr-4 font-mono">
              <Link className="text-indigo-600 hover:underline dark:text-indigo-400" href={`/coordinations/${encodeURIComponent(c.coordination_id)}`}>
                {c.coordination_id}
              </Link>
            </td>
            <td className="py-2 pr-4">{c.session_id}</td>
            <td className="py-2 pr-4">{c.workflow_type ?? "—"}</td>
            <td className="py-2 pr-4">{c.agent_count}</td>
            <td className="py-2 pr-4">{c.active_blockers.length}</td>
            <td className="py-2 pr-4">{c.version}</td>
            <td className="py-2 pr-4">
              <time dateTime={c.last_activity_at}>{new Date(c.last_activity_at).toLocaleString()}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
