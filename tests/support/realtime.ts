// Live-event clients for the tests: a real socket.io-client connected to a Huddle process that
// records every `update` and `changed` event it receives, and `until(predicate, timeoutMs)` to
// wait for what a test expects with a deadline instead of a sleep. On timeout the error says
// what was awaited and what had arrived.
import { io, type Socket } from "socket.io-client";
import type {
  ChangedEvent,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
  UpdateEvent,
} from "../../lib/realtime/events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const DEFAULT_WAIT_MS = 15_000;

export interface LiveClient {
  socket: ClientSocket;
  /** Every `update` received, in arrival order (across reconnects). */
  updates: UpdateEvent[];
  /** Every `changed` received, in arrival order. */
  changed: ChangedEvent[];
  /** The seqs of `updates` for one coordination, in arrival order. */
  seqs(coordinationId: string): number[];
  subscribe(payload: unknown): Promise<SubscribeAck>;
  unsubscribe(coordinationId: string): Promise<{ ok: boolean }>;
  /** Emits any event with any arguments (wrong shapes included) and resolves with its acknowledgement. */
  emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
  /** Resolves with the predicate's first truthy value; rejects after timeoutMs, naming `what`. */
  until<T>(predicate: () => T | false | null | undefined, what: string, timeoutMs?: number): Promise<T>;
  /** Drops the connection (the server sees a disconnect). */
  disconnect(): void;
  /** Connects again after disconnect(); earlier events stay recorded. */
  reconnect(): Promise<void>;
  close(): void;
}

function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function waitConnected(socket: ClientSocket, timeoutMs: number): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return deadline(
    new Promise<void>((resolve, reject) => {
      const onConnect = () => {
        socket.off("connect_error", onError);
        resolve();
      };
      const onError = (err: Error) => {
        socket.off("connect", onConnect);
        reject(new Error(`socket could not connect: ${err.message}`));
      };
      socket.once("connect", onConnect);
      socket.once("connect_error", onError);
    }),
    timeoutMs,
    "the socket to connect",
  );
}

/** Connects a client to a Huddle process and starts recording its events. */
export async function connectClient(url: string, options: { token?: string; timeoutMs?: number } = {}): Promise<LiveClient> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
  const socket: ClientSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
  });
  const updates: UpdateEvent[] = [];
  const changed: ChangedEvent[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  socket.on("update", (u) => {
    updates.push(u);
    wake();
  });
  socket.on("changed", (c) => {
    changed.push(c);
    wake();
  });
  socket.on("disconnect", wake);

  const client: LiveClient = {
    socket,
    updates,
    changed,
    seqs: (cid) => updates.filter((u) => u.coordination_id === cid).map((u) => u.seq),
    subscribe: (payload) =>
      deadline(
        // The payload is deliberately untyped: tests send wrong shapes too.
        (socket as unknown as Socket).emitWithAck("subscribe", payload) as Promise<SubscribeAck>,
        timeoutMs,
        `the subscribe acknowledgement for ${JSON.stringify(payload)}`,
      ),
    unsubscribe: (cid) =>
      deadline(
        (socket as unknown as Socket).emitWithAck("unsubscribe", { coordination_id: cid }) as Promise<{ ok: boolean }>,
        timeoutMs,
        `the unsubscribe acknowledgement for ${cid}`,
      ),
    until: <T>(predicate: () => T | false | null | undefined, what: string, ms = timeoutMs) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          let value: T | false | null | undefined;
          try {
            value = predicate();
          } catch (e) {
            done();
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          if (value) {
            done();
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          done();
          const last = updates.slice(-5).map((u) => `${u.coordination_id}#${u.seq}`);
          reject(
            new Error(
              `timed out after ${ms} ms waiting for ${what}; received ${updates.length} updates ` +
                `(last: ${last.join(", ") || "none"}) and ${changed.length} changed events ` +
                `(kinds: ${changed.map((c) => c.kind).join(", ") || "none"}); connected: ${socket.connected}`,
            ),
          );
        }, ms);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    emitWithAck: (event, ...args) =>
      deadline((socket as unknown as Socket).emitWithAck(event, ...args) as Promise<unknown>, timeoutMs, `the acknowledgement of '${event}'`),
    disconnect: () => {
      socket.disconnect();
    },
    reconnect: async () => {
      socket.connect();
      await waitConnected(socket, timeoutMs);
    },
    close: () => {
      waiters.clear();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
  await waitConnected(socket, timeoutMs).catch((e: unknown) => {
    socket.disconnect();
    throw e;
  });
  return client;
}

/** Checks that `seqs` is exactly 1..n (or from..to), reporting the first gap, duplicate or swap. */
export function describeSequence(seqs: number[], from: number, to: number): string | undefined {
  const expectedLength = to - from + 1;
  for (let i = 0; i < seqs.length; i++) {
    if (seqs[i] !== from + i) {
      const seen = new Set<number>();
      const dup = seqs.find((s) => (seen.has(s) ? true : (seen.add(s), false)));
      return `at position ${i} expected seq ${from + i}, got ${seqs[i]}${dup !== undefined ? ` (seq ${dup} arrived twice)` : ""}; around: ${seqs.slice(Math.max(0, i - 3), i + 4).join(",")}`;
    }
  }
  if (seqs.length !== expectedLength) return `expected ${expectedLength} updates (${from}..${to}), got ${seqs.length}`;
  return undefined;
}
