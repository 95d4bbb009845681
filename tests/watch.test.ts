// The operators' coordinations list hears every coordination's `changed` events through
// `watch_coordinations`, across processes, without subscribing (so without counting as a viewer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoordination, REDIS_URL, startCluster, type HuddleCluster } from "./support/huddle";
import { connectClient, type LiveClient } from "./support/realtime";

let cluster: HuddleCluster;
const clients: LiveClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({ count: 2, redisUrl: REDIS_URL });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cluster?.stop();
});

async function client(server: number, token: string) {
  const c = await connectClient(cluster.servers[server]!.url, { token });
  clients.push(c);
  return c;
}

describe("watch_coordinations", () => {
  it("an operator watching on one process sees changed events of coordinations changed through another", async () => {
    const watcher = await client(1, cluster.token);
    expect(await watcher.emitWithAck("watch_coordinations")).toEqual({ ok: true });
    const [api] = cluster.clients;
    const first = await createCoordination(api!);
    const second = await createCoordination(api!);
    await api!.put(`/api/v1/coordinations/${second}/progress`, { progress: "Halfway" });
    const seen = await watcher.until(
      () => {
        const kinds = watcher.changed.map((c) => `${c.coordination_id}:${c.kind}`);
        return kinds.includes(`${first}:contexts`) && kinds.includes(`${second}:progress`) && kinds;
      },
      "changed events for both coordinations",
    );
    expect(seen).toContain(`${second}:contexts`);
    // Watching is not subscribing: no update events, and no presence counted.
    expect(watcher.updates).toEqual([]);
  });

  it("an agent token may not watch every coordination", async () => {
    const [api] = cluster.clients;
    const id = await createCoordination(api!);
    const created = await api!.post("/api/v1/coordinations", {
      coordination_state: { coordination_id: id, session_id: "s" },
      agent_assignments: { data_engineer: {} },
      replace: true,
    });
    const agent = await client(0, created.body.credentials.agent_tokens.data_engineer);
    const operator = await client(0, cluster.token);
    expect(await agent.emitWithAck("watch_coordinations")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await operator.emitWithAck("watch_coordinations")).toEqual({ ok: true });
    await api!.put(`/api/v1/coordinations/${id}/progress`, { progress: "Moving" });
    await operator.until(() => operator.changed.some((c) => c.coordination_id === id && c.kind === "progress"), "the operator's changed event");
    // An acknowledgement on the agent's socket arrives after anything sent to it before.
    await agent.emitWithAck("unsubscribe", { coordination_id: id });
    expect(agent.changed).toEqual([]);
  });
});
