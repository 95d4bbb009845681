"use client";
// Decisions logged on the whiteboard (with their rationale), newest first.
import { useQuery } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { api, getJson, type UpdateEvent } from "./api";

export const DECISIONS_SHOWN = 100;

export interface Decision {
  seq: number;
  agentName: string;
  decision: string;
  rationale: string | null;
  createdAt: string;
}

function toDecision(u: UpdateEvent): Decision {
  const text = (v: unknown) => (typeof v === "string" ? v : v == null ? null : JSON.stringify(v));
  return {
    seq: u.seq,
    agentName: u.agent_name,
    decision: text(u.content.decision) ?? "",
    rationale: text(u.content.rationale),
    createdAt: u.created_at,
  };
}

export function useDecisions(cid: string) {
  return useQuery({
    queryKey: keys.decisions(cid),
    queryFn: async ({ signal }) =>
      (await getJson<{ decisions: UpdateEvent[] }>(api.decisions(cid, DECISIONS_SHOWN), signal)).decisions.map(toDecision),
  });
}
