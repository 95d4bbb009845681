"use client";
// One agent's context for the inspector: the current package, its history and the text the
// agent receives. useCoordinationLive invalidates them when the agent's context changes.
import { useQuery } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { api, getJson, type AgentContext, type AgentViewDto, type ContextVersionDto } from "./api";

/** How many versions the history shows (the API's page; older ones are rarely wanted). */
export const VERSIONS_SHOWN = 100;

export function useAgentContext(cid: string, aid: string, initial?: AgentContext) {
  return useQuery({
    queryKey: keys.agentContext(cid, aid),
    queryFn: ({ signal }) => getJson<AgentContext>(`${api.agent(cid, aid)}/context`, signal),
    initialData: initial,
  });
}

export function useContextVersions(cid: string, aid: string) {
  return useQuery({
    queryKey: keys.agentVersions(cid, aid),
    queryFn: ({ signal }) =>
      getJson<{ versions: ContextVersionDto[]; next_before_revision: number | null }>(
        `${api.agent(cid, aid)}/context/versions?limit=${VERSIONS_SHOWN}`,
        signal,
      ),
  });
}

export function useAgentView(cid: string, aid: string) {
  return useQuery({
    queryKey: keys.agentView(cid, aid),
    queryFn: ({ signal }) => getJson<AgentViewDto>(`${api.agent(cid, aid)}/view`, signal),
  });
}

/** The package's size as the agent downloads it: the bytes of its JSON. */
export function contextSizeBytes(context: AgentContext): number {
  return new TextEncoder().encode(JSON.stringify(context)).length;
}
