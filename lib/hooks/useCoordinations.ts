"use client";
// The coordinations list. The browser is subscribed to no coordination on the home page (that
// would count the operator as watching every team), so the list refreshes on a short interval.
import { useQuery } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { api, getJson, type CoordinationDto } from "./api";

export const COORDINATIONS_REFRESH_MS = 3_000;

export function useCoordinations(initial?: { coordinations: CoordinationDto[]; next_cursor: string | null }) {
  return useQuery({
    queryKey: keys.coordinations(),
    queryFn: ({ signal }) => getJson<{ coordinations: CoordinationDto[]; next_cursor: string | null }>(api.coordinations(), signal),
    initialData: initial,
    refetchInterval: COORDINATIONS_REFRESH_MS,
  });
}
