// Attaches Socket.IO to the HTTP server: the Redis adapter when REDIS_URL is set (several
// processes act as one), the in-memory adapter otherwise. Installs the hub as the event sink.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { RealtimeHub, type HuddleServer } from "../lib/realtime/hub";
import { EVENT_SINK_KEY } from "../lib/realtime/publisher";
import { setSingleton } from "../lib/singleton";
import { REDIS_CLIENT_KEY } from "../lib/http/rate-limit";
import { logger } from "../lib/log";

export interface Realtime {
  io: HuddleServer;
  hub: RealtimeHub;
  close(): Promise<void>;
}

export async function attachRealtime(httpServer: HttpServer, { redisUrl }: { redisUrl?: string }): Promise<Realtime> {
  const io: HuddleServer = new Server(httpServer, { serveClient: false });
  const closers: Array<() => Promise<unknown>> = [];
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on("error", (err) => logger().error({ err }, "redis error"));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    // The rate limiter counts in Redis too, so a token's budget is one across processes.
    setSingleton(REDIS_CLIENT_KEY, pub);
    closers.push(() => Promise.allSettled([pub.quit(), sub.quit()]));
  }
  const hub = new RealtimeHub(io, Boolean(redisUrl));
  setSingleton(EVENT_SINK_KEY, hub);
  return {
    io,
    hub,
    close: async () => {
      setSingleton(EVENT_SINK_KEY, undefined);
      setSingleton(REDIS_CLIENT_KEY, undefined);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      for (const close of closers) await close();
    },
  };
}
