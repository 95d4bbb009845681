// The typed Socket.IO contract (API.md, "Live events"), imported by the server and the browser.
// Payloads are the wire shapes agents see: snake_case, ids, `version` and `seq`.
import { z } from "zod";
import { Id } from "../schemas/common";

export const CHANGE_KINDS = [
  "mission",
  "progress",
  "blockers",
  "decision",
  "update",
  "contexts",
  "shared_intelligence",
  "resources",
  "cleared",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface UpdateEvent {
  coordination_id: string;
  seq: number;
  agent_name: string;
  update_type: string;
  content: Record<string, unknown>;
  tags: string[];
  created_at: string;
}

export interface ChangedEvent {
  coordination_id: string;
  version: number;
  kind: ChangeKind;
  agent_ids?: string[];
}

export interface PresenceEvent {
  coordination_id: string;
  /** Browser sessions (operators) subscribed to this coordination now, across processes. */
  operators: number;
}

export type SubscribeAck =
  | { ok: true; version: number; last_seq: number }
  | { ok: false; error: { code: string; message: string } };

export const SubscribePayload = z.strictObject({
  coordination_id: Id,
  after_seq: z.number().int().min(0).optional(),
});
export type SubscribePayload = z.infer<typeof SubscribePayload>;

export const UnsubscribePayload = z.strictObject({ coordination_id: Id });
export type UnsubscribePayload = z.infer<typeof UnsubscribePayload>;

export interface ServerToClientEvents {
  update: (update: UpdateEvent) => void;
  changed: (changed: ChangedEvent) => void;
  presence: (presence: PresenceEvent) => void;
}

export interface ClientToServerEvents {
  subscribe: (payload: SubscribePayload, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (payload: UnsubscribePayload, ack?: (result: { ok: boolean }) => void) => void;
  /** Operators only: receive `changed` for every coordination (the coordinations list). */
  watch_coordinations: (ack?: (result: { ok: boolean; error?: { code: string; message: string } }) => void) => void;
}

/** What the domain hands to the publisher after a commit. */
export type HuddleEvent = { type: "update"; update: UpdateEvent } | { type: "changed"; changed: ChangedEvent };
