"use client";
// The activity feed, newest first, filterable by type and agent, fast with 10,000 updates.
//
// Two parts meet at the tail's baseSeq (see useCoordinationLive): updates after it come over the
// socket, updates up to it come from GET .../updates in windows walking backwards. A window
// (lo, hi] is read as `after_seq=lo&limit=hi-lo`; seqs have no gaps, so that one page holds every
// matching update of the window, filtered or not. History never changes, so windows are never
// refetched; only a filter change or the tail's rebase reads new ones.
import { useEffect, useMemo } from "react";
import { skipToken, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { keys, type FeedFilter } from "@/lib/query-keys";
import { api, getJson, type UpdateEvent } from "./api";
import type { FeedTail } from "./useCoordinationLive";

/** Window width: small when every seq matches, the API's maximum page when filtering. */
const WINDOW_ALL = 200;
const WINDOW_FILTERED = 1000;
/** With a narrow filter, keep reading older windows until this many match (or none are left). */
const MIN_FILL = 40;

interface FeedWindow {
  lo: number;
  updates: UpdateEvent[]; // newest first
}

async function fetchWindow(cid: string, hi: number, filter: FeedFilter, signal: AbortSignal): Promise<FeedWindow> {
  const width = filter.updateType || filter.agentName ? WINDOW_FILTERED : WINDOW_ALL;
  const lo = Math.max(0, hi - width);
  if (hi <= 0) return { lo: 0, updates: [] };
  const page = await getJson<{ updates: UpdateEvent[] }>(
    api.updates(cid, { after_seq: lo, limit: hi - lo, update_type: filter.updateType, agent_name: filter.agentName }),
    signal,
  );
  return { lo, updates: page.updates.filter((u) => u.seq <= hi).reverse() };
}

function matches(u: UpdateEvent, filter: FeedFilter) {
  return (!filter.updateType || u.update_type === filter.updateType) && (!filter.agentName || u.agent_name === filter.agentName);
}

export function useFeed(cid: string, filter: FeedFilter) {
  const { data: tail } = useQuery<FeedTail>({ queryKey: keys.feedTail(cid), queryFn: skipToken, staleTime: Infinity });
  const baseSeq = tail?.baseSeq;
  const history = useInfiniteQuery({
    queryKey: keys.feedHistory(cid, baseSeq ?? -1, filter),
    queryFn: ({ pageParam, signal }) => fetchWindow(cid, pageParam, filter, signal),
    initialPageParam: baseSeq ?? 0,
    getNextPageParam: (last) => (last.lo > 0 ? last.lo : undefined),
    enabled: baseSeq !== undefined,
    staleTime: Infinity,
  });

  const { updateType, agentName } = filter;
  const items = useMemo(() => {
    const live = (tail?.updates ?? []).filter((u) => matches(u, { updateType, agentName })).reverse();
    const older = history.data?.pages.flatMap((p) => p.updates) ?? [];
    return live.length ? [...live, ...older] : older;
  }, [tail, history.data, updateType, agentName]);

  const { hasNextPage, isFetching, fetchNextPage, isSuccess } = history;
  useEffect(() => {
    if (isSuccess && hasNextPage && !isFetching && items.length < MIN_FILL) void fetchNextPage();
  }, [isSuccess, hasNextPage, isFetching, items.length, fetchNextPage]);

  return {
    items,
    /** True until the first window is in (or while waiting for the live tail's base). */
    isLoading: baseSeq === undefined || history.isPending,
    error: history.error,
    hasOlder: Boolean(hasNextPage),
    isFetchingOlder: history.isFetchingNextPage,
    loadOlder: () => {
      if (hasNextPage && !history.isFetchingNextPage) void fetchNextPage();
    },
    retry: () => void history.refetch(),
  };
}
