"use client";
// The team roster: role, context version and last activity per agent. useCoordinationLive
// patches last activity from each update and invalidates the roster when contexts change.
import { useQuery } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { api, getJson, type RosterEntryDto } from "./api";

export interface RosterData {
  agents: RosterEntryDto[];
}

export function useRoster(cid: string) {
  return useQuery({
    queryKey: keys.roster(cid),
    queryFn: ({ signal }) => getJson<RosterData>(api.roster(cid), signal),
  });
}
