// The browser's one Socket.IO connection. It authenticates with the operator's session cookie,
// which is also what makes the hub count it for presence. Components never touch it: hooks in lib/hooks acquire a
// coordination through here and get its updates exactly once, in seq order.
//
// Per coordination it keeps the last seq delivered. Every (re)connect re-subscribes with that
// seq, so the server replays what was missed while the connection was down; an update that
// skips a seq (should the server ever send one) triggers the same re-subscribe instead of being
// shown out of order. Several hooks may hold one coordination; the subscription is shared and
// dropped a moment after the last one lets go, so moving between a coordination's pages does not
// flicker the operator count.
import { io, type Socket } from "socket.io-client";
import type { ChangedEvent, ClientToServerEvents, ServerToClientEvents, SubscribeAck, UpdateEvent } from "./events";

export type ConnectionStatus = "connecting" | "live" | "reconnecting";

export interface LiveListener {
  onUpdate?(update: UpdateEvent): void;
  onChanged?(changed: ChangedEvent): void;
  /** After each successful (re)subscribe: changes made while away must be refetched. */
  onSubscribed?(ack: Extract<SubscribeAck, { ok: true }>): void;
  onError?(error: { code: string; message: string }): void;
}

interface Subscription {
  cid: string;
  refs: number;
  lastSeq: number;
  listeners: Set<LiveListener>;
  operators: number | null;
  /** A subscribe is in flight: updates beyond lastSeq + 1 wait for its replay. */
  resyncing: boolean;
  releaseTimer?: ReturnType<typeof setTimeout>;
}

const RELEASE_GRACE_MS = 1500;

class LiveClient {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private readonly subs = new Map<string, Subscription>();
  private readonly storeListeners = new Set<() => void>();
  private readonly watchers = new Set<(changed: ChangedEvent) => void>();
  private status: ConnectionStatus = "connecting";
  private everConnected = false;

  private ensureSocket() {
    if (this.socket) return this.socket;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    socket.on("connect", () => {
      this.everConnected = true;
      this.setStatus("live");
      for (const sub of this.subs.values()) this.sendSubscribe(sub);
      if (this.watchers.size > 0) socket.emit("watch_coordinations");
    });
    socket.on("disconnect", (reason) => {
      this.setStatus(this.everConnected ? "reconnecting" : "connecting");
      for (const sub of this.subs.values()) sub.resyncing = false;
      // The server (not the network) closed us: Socket.IO does not retry that on its own.
      if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);
    });
    socket.on("connect_error", () => {
      this.setStatus(this.everConnected ? "reconnecting" : "connecting");
      // Refused by the server (not signed in yet, say): Socket.IO gives up; try again slowly, so
      // signing in on another tab or page brings this one live.
      if (!socket.active) setTimeout(() => socket.connect(), 3000);
    });
    socket.on("update", (update) => this.onUpdate(update));
    socket.on("changed", (changed) => {
      for (const w of this.watchers) w(changed);
      const sub = this.subs.get(changed.coordination_id);
      if (sub) for (const l of sub.listeners) l.onChanged?.(changed);
    });
    socket.on("presence", (presence) => {
      const sub = this.subs.get(presence.coordination_id);
      if (!sub) return;
      sub.operators = presence.operators;
      this.notify();
    });
    this.socket = socket;
    return socket;
  }

  private onUpdate(update: UpdateEvent) {
    const sub = this.subs.get(update.coordination_id);
    if (!sub || update.seq <= sub.lastSeq) return;
    if (update.seq !== sub.lastSeq + 1) {
      // A gap: ask again from what we have; the replay brings the missing ones in order.
      if (!sub.resyncing) this.sendSubscribe(sub);
      return;
    }
    sub.lastSeq = update.seq;
    for (const l of sub.listeners) l.onUpdate?.(update);
  }

  private sendSubscribe(sub: Subscription) {
    const socket = this.socket;
    if (!socket?.connected) return;
    sub.resyncing = true;
    socket.emit("subscribe", { coordination_id: sub.cid, after_seq: sub.lastSeq }, (ack) => {
      if (this.subs.get(sub.cid) !== sub) return;
      sub.resyncing = false;
      for (const l of sub.listeners) {
        if (ack.ok) l.onSubscribed?.(ack);
        else l.onError?.(ack.error);
      }
    });
  }

  /**
   * Starts (or joins) live delivery for a coordination. Updates with seq > afterSeq are
   * delivered to the listener; returns the function that lets go.
   */
  acquire(cid: string, afterSeq: number, listener: LiveListener): () => void {
    this.ensureSocket();
    let sub = this.subs.get(cid);
    if (!sub) {
      sub = { cid, refs: 0, lastSeq: afterSeq, listeners: new Set(), operators: null, resyncing: false };
      this.subs.set(cid, sub);
      this.sendSubscribe(sub);
    } else {
      clearTimeout(sub.releaseTimer);
      if (afterSeq < sub.lastSeq) {
        // The newcomer has less than the subscription delivered so far: replay for it (others
        // ignore seqs they already have).
        sub.lastSeq = afterSeq;
        this.sendSubscribe(sub);
      }
    }
    sub.refs += 1;
    sub.listeners.add(listener);
    const held = sub;
    return () => {
      held.listeners.delete(listener);
      held.refs -= 1;
      if (held.refs > 0) return;
      held.releaseTimer = setTimeout(() => {
        if (held.refs > 0 || this.subs.get(cid) !== held) return;
        this.subs.delete(cid);
        this.socket?.emit("unsubscribe", { coordination_id: cid });
        this.notify();
      }, RELEASE_GRACE_MS);
    };
  }

  /**
   * Hears every coordination's `changed` events (for the coordinations list), without
   * subscribing to any: it does not count as viewing them. Returns the function that stops.
   */
  watchCoordinations(onChanged: (changed: ChangedEvent) => void): () => void {
    const socket = this.ensureSocket();
    this.watchers.add(onChanged);
    if (this.watchers.size === 1 && socket.connected) socket.emit("watch_coordinations");
    return () => {
      this.watchers.delete(onChanged);
    };
  }

  // A tiny external store for useSyncExternalStore: connection status and presence.
  subscribeStore = (onChange: () => void) => {
    this.ensureSocket();
    this.storeListeners.add(onChange);
    return () => this.storeListeners.delete(onChange);
  };

  getStatus = (): ConnectionStatus => this.status;

  getOperators = (cid: string): number | null => this.subs.get(cid)?.operators ?? null;

  private setStatus(status: ConnectionStatus) {
    if (status === this.status) return;
    this.status = status;
    this.notify();
  }

  private notify() {
    for (const l of this.storeListeners) l();
  }
}

let client: LiveClient | undefined;

/** The page's one live client (created on first use, in the browser only). */
export function liveClient(): LiveClient {
  client ??= new LiveClient();
  return client;
}
