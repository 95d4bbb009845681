// Delivers committed changes to subscribed sockets, exactly once and in seq order per
// coordination, across reconnects and across processes.
//
// Each process keeps one Channel per coordination that has subscribers here. A channel knows
// the highest seq it has broadcast to its (process-local) room. Events arrive from this
// process's publisher and, with Redis, from other processes (serverSideEmit); they may arrive
// out of order, since commits are serialized by the coordination lock but publishing is not. A
// channel broadcasts seq N+1 directly and fills any gap from the database, which is the truth
// (every seq below a committed one is committed too). A subscriber first brings the channel up
// to the database's head (a client resuming on this process may have seen, through another
// process, seqs this channel has not broadcast yet), replays from the database up to the
// channel's seq and joins the room in the same synchronous step, so nothing falls between
// replay and live, and nothing is sent twice. A channel whose last member left is closed: its
// queued work never reaches the room again, which a new channel may already serve.
import type { Server, Socket } from "socket.io";
import { isHuddleError } from "../domain/errors";
import { authenticateSession, authenticateToken, can, SESSION_COOKIE, type Principal } from "../domain/access";
import { getCoordinationHead, listUpdatesBetween } from "../domain/updates";
import { logger } from "../log";
import { metrics } from "../metrics";
import type { EventSink } from "./publisher";
import {
  SubscribePayload,
  UnsubscribePayload,
  type ChangedEvent,
  type ClientToServerEvents,
  type HuddleEvent,
  type ServerToClientEvents,
  type SubscribeAck,
  type UpdateEvent,
} from "./events";

export type HuddleServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, (events: HuddleEvent[]) => void>, SocketData>;
export type HuddleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketData {
  /** "operator" for signed-in browsers, "agent" otherwise (presence counts operators). */
  kind: "operator" | "agent";
  principal: Principal;
  /** Subscribed coordinations, each with the token of the subscribe call that owns it. */
  subscriptions: Map<string, symbol>;

}

const REPLAY_BATCH = 500;
/** Subscriptions one connection may hold at once. */
export const MAX_SUBSCRIPTIONS = 100;
const REMOTE_EVENT = "huddle:events";

export const roomOf = (coordinationId: string) => `coordination:${coordinationId}`;
/** Sockets that get every coordination's `changed` events (the operators' coordinations list). */
const WATCH_ROOM = "watch:coordinations";

class Channel {
  lastSeq = 0;
  version = 0;
  members = 0;
  private closed = false;
  private queue: Promise<void>;
  readonly ready: Promise<void>;

  constructor(
    readonly coordinationId: string,
    private readonly io: HuddleServer,
  ) {
    this.ready = getCoordinationHead(coordinationId).then((head) => {
      this.lastSeq = head.lastSeq;
      this.version = head.version;
    });
    // Events that arrive while the head is being read wait behind it; failures end in ready.
    this.queue = this.ready.catch(() => undefined);
  }

  get room() {
    return roomOf(this.coordinationId);
  }

  /** Serializes work on this channel (gap fills await the database). */
  private enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue.then(task).catch((err: unknown) => {
      logger().error({ err, coordinationId: this.coordinationId }, "realtime channel task failed");
    });
  }

  /** Stops this channel for good: nothing queued here is sent any more. */
  close(): void {
    this.closed = true;
  }

  private broadcast(update: UpdateEvent): void {
    if (this.closed) return;
    this.io.local.to(this.room).emit("update", update);
    this.lastSeq = update.seq;
    metrics().eventsSent.labels("update").inc(this.io.of("/").adapter.rooms.get(this.room)?.size ?? 0);
  }

  onUpdate(update: UpdateEvent): void {
    this.enqueue(async () => {
      if (update.seq <= this.lastSeq) return;
      if (update.seq === this.lastSeq + 1) return this.broadcast(update);
      // A gap: an earlier commit's event is late or lost. The database has it.
      await this.fillTo(update.seq);
    });
  }

  /** Broadcasts, from the database, every update after lastSeq up to `seq`. */
  private async fillTo(seq: number): Promise<void> {
    while (this.lastSeq < seq && !this.closed) {
      const rows = await listUpdatesBetween(this.coordinationId, this.lastSeq, seq, REPLAY_BATCH);
      if (rows.length === 0 || this.closed) break;
      for (const row of rows) if (row.seq > this.lastSeq) this.broadcast(row);
    }
  }

  /**
   * Brings the channel up to the database's head, broadcasting what it had not sent yet, in its
   * queue (after the events already waiting). Resolves when done, even if the read failed.
   */
  catchUp(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.enqueue(async () => {
        try {
          const head = await getCoordinationHead(this.coordinationId);
          if (head.version > this.version) this.version = head.version;
          await this.fillTo(head.lastSeq);
        } finally {
          resolve();
        }
      });
    });
  }

  onChanged(changed: ChangedEvent): void {
    this.enqueue(() => {
      if (this.closed) return;
      if (changed.version > this.version) this.version = changed.version;
      this.io.local.to(this.room).emit("changed", changed);
      metrics().eventsSent.labels("changed").inc(this.io.of("/").adapter.rooms.get(this.room)?.size ?? 0);
    });
  }
}

export class RealtimeHub implements EventSink {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly io: HuddleServer,
    private readonly remote: boolean,
  ) {
    if (remote) io.on(REMOTE_EVENT, (events: HuddleEvent[]) => this.deliver(events));
    // The handshake carries the same token as HTTP (`auth: {token}`), or, from a browser, the
    // operator's session cookie. Nobody else connects.
    io.use((socket, next) => {
      authenticateHandshake(socket.handshake.auth?.token, socket.handshake.headers.cookie)
        .then((who) => {
          if (!who) return next(new Error("unauthorized: send auth.token (a Huddle token) or sign in"));
          socket.data.principal = who.principal;
          socket.data.kind = who.viaSession ? "operator" : "agent";
          next();
        })
        .catch((err: unknown) => {
          logger().error({ err }, "socket authentication failed");
          next(new Error("authentication failed"));
        });
    });
    io.on("connection", (socket) => this.onConnection(socket as HuddleSocket));
  }

  /** Called by the publisher after a commit in this process. */
  publish(events: HuddleEvent[]): void {
    this.deliver(events);
    if (this.remote) this.io.serverSideEmit(REMOTE_EVENT, events);
  }

  private deliver(events: HuddleEvent[]): void {
    for (const e of events) {
      if (e.type === "changed") this.io.local.to(WATCH_ROOM).emit("changed", e.changed);
      const cid = e.type === "update" ? e.update.coordination_id : e.changed.coordination_id;
      const channel = this.channels.get(cid);
      if (!channel) continue;
      if (e.type === "update") channel.onUpdate(e.update);
      else channel.onChanged(e.changed);
    }
  }

  private onConnection(socket: HuddleSocket): void {
    socket.data.subscriptions ??= new Map();
    metrics().socketConnections.inc();
    socket.on("subscribe", (payload: unknown, ack: unknown) => {
      // `emit("subscribe", callback)` with no payload: answer the callback, not silence.
      if (typeof payload === "function" && ack === undefined) [payload, ack] = [undefined, payload];
      void this.subscribe(socket, payload).then((result) => {
        if (typeof ack === "function") ack(result);
      });
    });
    socket.on("watch_coordinations", (ack) => {
      const allowed = socket.data.principal.kind === "admin";
      if (allowed) void socket.join(WATCH_ROOM);
      if (typeof ack === "function") {
        ack(allowed ? { ok: true } : { ok: false, error: { code: "forbidden", message: "only operators watch every coordination" } });
      }
    });
    socket.on("unsubscribe", (payload, ack) => {
      const parsed = UnsubscribePayload.safeParse(payload);
      if (parsed.success) this.leave(socket, parsed.data.coordination_id);
      if (typeof ack === "function") ack({ ok: parsed.success });
    });
    socket.on("disconnect", () => {
      metrics().socketConnections.dec();
      for (const cid of [...socket.data.subscriptions.keys()]) this.leave(socket, cid);
    });
  }

  private async subscribe(socket: HuddleSocket, payload: unknown): Promise<SubscribeAck> {
    const parsed = SubscribePayload.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join(".") ?? "";
      return { ok: false, error: { code: "validation_error", message: `${path ? `${path}: ` : ""}${issue?.message ?? "invalid"}` } };
    }
    const { coordination_id: cid, after_seq: afterSeq } = parsed.data;
    if (!can(socket.data.principal, "team:read", { coordinationId: cid })) {
      return { ok: false, error: { code: "forbidden", message: `this token may not read coordination '${cid}'` } };
    }
    // A second subscribe to the same coordination restarts it from the given seq.
    if (socket.data.subscriptions.has(cid)) this.leave(socket, cid);
    else if (socket.data.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      return {
        ok: false,
        error: { code: "limit", message: `at most ${MAX_SUBSCRIPTIONS} subscriptions per connection; unsubscribe from one first` },
      };
    }

    let channel = this.channels.get(cid);
    if (!channel) {
      channel = new Channel(cid, this.io);
      this.channels.set(cid, channel);
    }
    channel.members += 1;
    const token = Symbol(cid);
    socket.data.subscriptions.set(cid, token);
    // Another subscribe or an unsubscribe of this coordination (or a disconnect) ends this one.
    const superseded = () => !socket.connected || socket.data.subscriptions.get(cid) !== token;
    const gone: SubscribeAck = { ok: false, error: { code: "gone", message: "unsubscribed or subscribed again during replay" } };
    try {
      await channel.ready;
      // The client may resume from a seq it saw through another process that this channel has
      // not broadcast yet: the room must not send it again.
      await channel.catchUp();
      if (superseded()) return gone;
      if (afterSeq !== undefined && afterSeq > channel.lastSeq) {
        this.leave(socket, cid);
        return {
          ok: false,
          error: { code: "validation_error", message: `after_seq: is beyond the coordination's last seq (${channel.lastSeq})` },
        };
      }
      let sent = afterSeq ?? channel.lastSeq;
      while (sent < channel.lastSeq) {
        const rows = await listUpdatesBetween(cid, sent, channel.lastSeq, REPLAY_BATCH);
        if (superseded()) return gone;
        for (const row of rows) socket.emit("update", row);
        metrics().eventsSent.labels("update").inc(rows.length);
        sent = rows.length > 0 ? rows[rows.length - 1]!.seq : channel.lastSeq;
      }
      // No await between the check above and this join: the room continues exactly after `sent`.
      void socket.join(channel.room);
      if (socket.data.kind === "operator") this.announcePresence(cid);
      return { ok: true, version: channel.version, last_seq: channel.lastSeq };
    } catch (error) {
      if (!superseded()) this.leave(socket, cid);
      if (isHuddleError(error)) return { ok: false, error: { code: error.code, message: error.message } };
      logger().error({ err: error, coordinationId: cid }, "subscribe failed");
      return { ok: false, error: { code: "internal_error", message: "subscribe failed" } };
    }
  }

  private leave(socket: HuddleSocket, cid: string): void {
    if (!socket.data.subscriptions.delete(cid)) return;
    void socket.leave(roomOf(cid));
    const channel = this.channels.get(cid);
    if (channel && --channel.members <= 0) {
      channel.close();
      this.channels.delete(cid);
    }
    if (socket.data.kind === "operator") this.announcePresence(cid);
  }

  /**
   * Tells everyone on a coordination how many operators watch it now. Counted across
   * processes (fetchSockets asks every process through the adapter).
   */
  private announcePresence(cid: string): void {
    const room = roomOf(cid);
    this.io
      .in(room)
      .fetchSockets()
      .then((sockets) => {
        const operators = sockets.filter((s) => s.data.kind === "operator").length;
        this.io.to(room).emit("presence", { coordination_id: cid, operators });
      })
      .catch((err: unknown) => logger().warn({ err, coordinationId: cid }, "presence count failed"));
  }

}

/** Who opens this socket: a bearer token in `auth.token`, else the operator session cookie. */
async function authenticateHandshake(
  token: unknown,
  cookieHeader: string | undefined,
): Promise<{ principal: Principal; viaSession: boolean } | undefined> {
  if (typeof token === "string" && token) {
    const principal = await authenticateToken(token);
    return principal ? { principal, viaSession: false } : undefined;
  }
  const session = cookieValue(cookieHeader, SESSION_COOKIE);
  const principal = await authenticateSession(session);
  return principal ? { principal, viaSession: true } : undefined;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
