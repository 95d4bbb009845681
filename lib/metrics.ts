// Prometheus metrics, one registry per process (on globalThis: Next's bundles and the custom
// server must share it). Served at /api/metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { singleton } from "./singleton";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "huddle_process_" });
  const msBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
  return {
    registry,
    distributionTime: new Histogram({
      name: "huddle_context_distribution_time_ms",
      help: "Total time of one context distribution (all agents), in milliseconds",
      buckets: msBuckets,
      registers: [registry],
    }),
    distributionPerAgent: new Histogram({
      name: "huddle_context_distribution_per_agent_ms",
      help: "Average time per agent of one context distribution, in milliseconds",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 15, 50, 200],
      registers: [registry],
    }),
    contextSize: new Histogram({
      name: "huddle_context_size_bytes",
      help: "Size of each distributed or updated context package, in bytes",
      buckets: [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: "huddle_http_request_duration_ms",
      help: "API request duration by route and status, in milliseconds",
      labelNames: ["method", "route", "status"] as const,
      buckets: msBuckets,
      registers: [registry],
    }),
    socketConnections: new Gauge({
      name: "huddle_socket_connections",
      help: "Live Socket.IO connections on this process",
      registers: [registry],
    }),
    eventsSent: new Counter({
      name: "huddle_socket_events_sent_total",
      help: "Socket.IO events emitted to clients, by event name (a room broadcast counts once per socket)",
      labelNames: ["event"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

export function metrics(): Metrics {
  return singleton("metrics", create);
}
