// Query keys from one factory: a socket event invalidates or patches exactly these. Each concern
// has its own root so invalidating one (say the whiteboard state) never refetches another (the
// 10,000-update feed, whose history pages never change).
export interface FeedFilter {
  updateType?: string;
  agentName?: string;
}

export const keys = {
  coordinations: () => ["coordinations"] as const,
  /** The coordination and its whiteboard state (GET /coordinations/{cid}). */
  coordination: (cid: string) => ["coordination", cid] as const,
  roster: (cid: string) => ["roster", cid] as const,
  decisions: (cid: string) => ["decisions", cid] as const,
  /** Every feed query of a coordination (the live tail and all history windows). */
  feed: (cid: string) => ["feed", cid] as const,
  /** Updates received over Socket.IO after `baseSeq`; filled by useCoordinationLive only. */
  feedTail: (cid: string) => ["feed", cid, "tail"] as const,
  /** Updates with seq <= baseSeq, newest window first, paged with after_seq cursors. */
  feedHistory: (cid: string, baseSeq: number, filter: FeedFilter) =>
    ["feed", cid, "history", baseSeq, filter.updateType ?? null, filter.agentName ?? null] as const,
  /** Every query about one coordination's agents. */
  agents: (cid: string) => ["agent", cid] as const,
  agent: (cid: string, aid: string) => ["agent", cid, aid] as const,
  agentContext: (cid: string, aid: string) => ["agent", cid, aid, "context"] as const,
  agentVersions: (cid: string, aid: string) => ["agent", cid, aid, "versions"] as const,
  /** Agent views (the prompt text) depend on the whiteboard, so every change makes them stale. */
  agentViews: (cid: string) => ["agentView", cid] as const,
  agentView: (cid: string, aid: string) => ["agentView", cid, aid] as const,
};
