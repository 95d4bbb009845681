"use client";
// Keeps every query about one coordination live: the one hook that listens to Socket.IO for a
// page. Database as truth, socket as notification:
// - `update` events are appended to the feed's live tail (seq it already has is ignored) and
//   move the roster's last activity;
// - `changed` events invalidate what they name (coalesced, and skipped when the cache already
//   holds that version);
// - after a (re)subscribe whose ack shows a newer version than the cache, everything is
//   refetched, since `changed` events are not replayed; the server replays missed updates
//   itself because we subscribe with our last seq.
import { useEffect } from "react";
import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { keys } from "@/lib/query-keys";
import { liveClient } from "@/lib/realtime/client";
import type { ChangedEvent, UpdateEvent } from "@/lib/realtime/events";
import type { CoordinationDto } from "./api";
import type { RosterData } from "./useRoster";

/** Updates that arrived over the socket after `baseSeq`, oldest first. */
export interface FeedTail {
  baseSeq: number;
  updates: UpdateEvent[];
}

/**
 * Past this many live updates the tail is folded into history: the base moves up and the
 * history windows refetch from it, so a page left open all day does not grow without bound.
 */
const TAIL_MAX = 2_000;
const INVALIDATE_DELAY_MS = 120;

export function tailLastSeq(tail: FeedTail): number {
  return tail.updates.length > 0 ? tail.updates[tail.updates.length - 1]!.seq : tail.baseSeq;
}

function appendToTail(qc: QueryClient, cid: string, update: UpdateEvent) {
  qc.setQueryData<FeedTail>(keys.feedTail(cid), (tail) => {
    if (!tail) return { baseSeq: update.seq - 1, updates: [update] };
    if (update.seq <= tailLastSeq(tail)) return tail;
    if (tail.updates.length >= TAIL_MAX) return { baseSeq: update.seq, updates: [] };
    return { baseSeq: tail.baseSeq, updates: [...tail.updates, update] };
  });
}

function patchRosterActivity(qc: QueryClient, cid: string, update: UpdateEvent) {
  qc.setQueryData<RosterData>(keys.roster(cid), (roster) => {
    if (!roster?.agents.some((a) => a.agent_id === update.agent_name && (a.last_update_seq ?? 0) < update.seq)) return roster;
    return {
      agents: roster.agents.map((a) =>
        a.agent_id === update.agent_name ? { ...a, last_update_seq: update.seq, last_activity_at: update.created_at } : a,
      ),
    };
  });
}

/** What a change makes stale, by kind. */
function staleKeys(cid: string, changed: ChangedEvent): QueryKey[] {
  const out: QueryKey[] = [keys.coordinations(), keys.agentViews(cid)];
  switch (changed.kind) {
    case "decision":
      out.push(keys.decisions(cid));
      break;
    case "contexts":
    case "cleared":
      out.push(keys.roster(cid), keys.agents(cid));
      break;
    case "shared_intelligence":
    case "resources":
      out.push(keys.roster(cid));
      if (changed.agent_ids) for (const aid of changed.agent_ids) out.push(keys.agent(cid, aid));
      else out.push(keys.agents(cid));
      break;
    default:
      break;
  }
  return out;
}

function everythingOf(cid: string): QueryKey[] {
  return [keys.coordination(cid), keys.coordinations(), keys.roster(cid), keys.decisions(cid), keys.agents(cid), keys.agentViews(cid)];
}

/** Coalesces invalidations: a burst of events becomes one refetch per query. */
function invalidationBatch(qc: QueryClient, cid: string) {
  const pending = new Map<string, QueryKey>();
  let newestVersion = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const cached = qc.getQueryData<CoordinationDto>(keys.coordination(cid));
    if (newestVersion > 0 && (!cached || cached.version < newestVersion)) pending.set("coordination", keys.coordination(cid));
    newestVersion = 0;
    for (const key of pending.values()) void qc.invalidateQueries({ queryKey: key });
    pending.clear();
  };
  const schedule = () => {
    timer ??= setTimeout(flush, INVALIDATE_DELAY_MS);
  };
  return {
    changed(changed: ChangedEvent) {
      newestVersion = Math.max(newestVersion, changed.version);
      for (const key of staleKeys(cid, changed)) pending.set(JSON.stringify(key), key);
      schedule();
    },
    everything() {
      for (const key of everythingOf(cid)) pending.set(JSON.stringify(key), key);
      schedule();
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}

/**
 * Subscribes the page to a coordination while it is mounted. `headSeq` is the last seq the page
 * knows of (the coordination's last_seq when it loaded); the feed's history covers up to the
 * tail's base and the socket everything after it.
 */
export function useCoordinationLive(cid: string, headSeq: number | undefined) {
  const qc = useQueryClient();
  const ready = headSeq !== undefined;
  useEffect(() => {
    if (!ready) return;
    let tail = qc.getQueryData<FeedTail>(keys.feedTail(cid));
    if (!tail) {
      tail = { baseSeq: qc.getQueryData<CoordinationDto>(keys.coordination(cid))?.last_seq ?? 0, updates: [] };
      qc.setQueryData(keys.feedTail(cid), tail);
    }
    const batch = invalidationBatch(qc, cid);
    const release = liveClient().acquire(cid, tailLastSeq(tail), {
      onUpdate: (update) => {
        appendToTail(qc, cid, update);
        patchRosterActivity(qc, cid, update);
      },
      onChanged: (changed) => batch.changed(changed),
      // The ack says the coordination's version now: anything newer than the cache was missed.
      onSubscribed: (ack) => {
        const cached = qc.getQueryData<CoordinationDto>(keys.coordination(cid));
        if (!cached || cached.version < ack.version) batch.everything();
      },
    });
    return () => {
      release();
      batch.cancel();
    };
  }, [cid, ready, qc]);
}
