"use client";
// One coordination's whiteboard state. Kept fresh by useCoordinationLive (a `changed` event
// invalidates it), so it does not poll.
import { useQuery } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { api, getJson, type CoordinationDto } from "./api";

export function coordinationQuery(cid: string) {
  return {
    queryKey: keys.coordination(cid),
    queryFn: ({ signal }: { signal: AbortSignal }) => getJson<CoordinationDto>(api.coordination(cid), signal),
  };
}

export function useCoordination(cid: string, initial?: CoordinationDto) {
  return useQuery({ ...coordinationQuery(cid), initialData: initial });
}
