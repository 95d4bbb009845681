"use client";
// The coordinations list. It listens to every coordination's `changed` events (a watch, which
// does not count the operator as viewing any team) and refetches when one arrives; a slow
// interval is the safety net should an event be missed.
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { liveClient } from "@/lib/realtime/client";
import { api, getJson, type CoordinationDto } from "./api";

export const COORDINATIONS_REFRESH_MS = 30_000;
/** Many changes in a burst (an agent team at work) become one refetch. */
const COALESCE_MS = 250;

export function useCoordinations(initial?: { coordinations: CoordinationDto[]; next_cursor: string | null }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = liveClient().watchCoordinations(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: keys.coordinations() });
      }, COALESCE_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [queryClient]);
  return useQuery({
    queryKey: keys.coordinations(),
    queryFn: ({ signal }) => getJson<{ coordinations: CoordinationDto[]; next_cursor: string | null }>(api.coordinations(), signal),
    initialData: initial,
    refetchInterval: COORDINATIONS_REFRESH_MS,
  });
}
