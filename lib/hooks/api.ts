// How the browser reads: GET a route handler and get its JSON, or an ApiError carrying the API's
// error body. The wire shapes the operator UI reads are named here, from the server's own types.
import type { UpdateEvent } from "@/lib/realtime/events";
import type { AgentContext } from "@/lib/schemas/contexts";
import type { CoordinationDto } from "@/lib/schemas/coordinations";
import type { RosterEntryDto } from "@/lib/domain/roster";

export type { AgentContext, CoordinationDto, RosterEntryDto, UpdateEvent };

export interface ContextVersionDto {
  context_version: number;
  revision: number;
  reason: string;
  size_bytes: number;
  created_at: string;
  context: AgentContext;
}

export interface AgentViewDto {
  agent_id: string;
  my_role: string;
  context_message: string;
  version: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { cache: "no-store", headers: { accept: "application/json" }, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, "network_error", "Huddle cannot be reached; check the connection.");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? "http_error", body?.error?.message ?? `request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

export const api = {
  coordinations: () => "/api/v1/coordinations?limit=200",
  coordination: (cid: string) => `/api/v1/coordinations/${encodeURIComponent(cid)}`,
  roster: (cid: string) => `/api/v1/coordinations/${encodeURIComponent(cid)}/roster`,
  decisions: (cid: string, limit: number) => `/api/v1/coordinations/${encodeURIComponent(cid)}/decision-log?limit=${limit}`,
  updates: (cid: string, q: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") params.set(k, String(v));
    return `/api/v1/coordinations/${encodeURIComponent(cid)}/updates?${params}`;
  },
  agent: (cid: string, aid: string) => `/api/v1/coordinations/${encodeURIComponent(cid)}/agents/${encodeURIComponent(aid)}`,
};
