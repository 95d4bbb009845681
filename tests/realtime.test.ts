// Live events (API.md "Live events") through real Huddle processes and real socket.io clients:
// subscribe acknowledgements, `update` and `changed` events for every kind of change, replay
// with after_seq, reconnects while writers keep posting, many posters and subscribers at once,
// unsubscribe, and two processes sharing Redis. Every wait has a deadline; nothing sleeps.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChangedEvent } from "../lib/realtime/events";
import { createCoordination, REDIS_URL, startCluster, type Api, type HuddleCluster } from "./support/huddle";
import { connectClient, describeSequence, type LiveClient } from "./support/realtime";
import { createTeam } from "./support/credentials";

const base = (cid: string) => `/api/v1/coordinations/${cid}`;

const open: LiveClient[] = [];
async function client(url: string, token: string): Promise<LiveClient> {
  const c = await connectClient(url, { token });
  open.push(c);
  return c;
}

afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function post(http: Api, cid: string, n: number | string, agent = "W"): Promise<number> {
  const res = await http.post(`${base(cid)}/updates`, { agent_name: agent, update_type: "finding", content: { n } });
  if (res.status !== 201) throw new Error(`POST updates: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.seq as number;
}

/**
 * Posts `total` updates with `concurrency` requests in flight, over the given clients in turn.
 * `posted` counts finished posts; `whenPosted(k)` resolves once k have finished.
 */
function writer(https: Api[], cid: string, total: number, concurrency: number) {
  let next = 0;
  let posted = 0;
  const seqs: number[] = [];
  const waiters: Array<{ k: number; resolve: () => void }> = [];
  const worker = async () => {
    while (next < total) {
      const i = next++;
      seqs.push(await post(https[i % https.length]!, cid, i));
      posted++;
      for (const w of waiters.filter((w) => posted >= w.k)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker)).then(() => seqs);
  return {
    done,
    get posted() {
      return posted;
    },
    whenPosted: (k: number) =>
      posted >= k ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ k: Math.min(k, total), resolve })),
  };
}

function expectSequence(seqs: number[], from: number, to: number, who: string) {
  const problem = describeSequence(seqs, from, to);
  expect(problem, `${who}: seqs ${from}..${to} exactly once, in order`).toBeUndefined();
}

describe("one process", () => {
  let cluster: HuddleCluster;
  let http: Api;
  let url: string;

  beforeAll(async () => {
    cluster = await startCluster();
    http = cluster.clients[0]!;
    url = cluster.servers[0]!.url;
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const connect = () => client(url, cluster.token);

  describe("subscribe", () => {
    it("acknowledges {ok: true, version, last_seq} with the coordination's head and replays nothing without after_seq", async () => {
      const cid = await createCoordination(http);
      await post(http, cid, 1);
      await post(http, cid, 2);
      const head = (await http.get(base(cid))).body;
      const c = await connect();
      expect(await c.subscribe({ coordination_id: cid })).toEqual({ ok: true, version: head.version, last_seq: 2 });
      expect(c.updates).toEqual([]);
    });

    it("subscribing to an unknown coordination answers {ok: false, error} with not_found", async () => {
      const c = await connect();
      const ack = await c.subscribe({ coordination_id: "no-such-coordination" });
      expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(ack.ok === false && typeof ack.error.message).toBe("string");
    });

    it.each([
      ["no coordination_id", {}],
      ["a numeric coordination_id", { coordination_id: 5 }],
      ["an id with spaces", { coordination_id: "not an id" }],
      ["a negative after_seq", { coordination_id: "c1", after_seq: -1 }],
      ["a fractional after_seq", { coordination_id: "c1", after_seq: 1.5 }],
      ["an unknown field", { coordination_id: "c1", since: 3 }],
      ["a string payload", "c1"],
      ["a null payload", null],
    ])("a payload with %s answers {ok: false} with a validation error", async (_what, payload) => {
      const c = await connect();
      expect(await c.subscribe(payload)).toMatchObject({ ok: false, error: { code: "validation_error" } });
      expect(c.socket.connected, "the socket stays connected").toBe(true);
    });

    it("a subscribe with only a callback answers {ok: false} with a validation error", async () => {
      const c = await connect();
      const ack = await c.emitWithAck("subscribe");
      expect(ack).toMatchObject({ ok: false, error: { code: "validation_error" } });
    });

    it("an after_seq beyond the coordination's last seq answers {ok: false} and subscribes to nothing", async () => {
      const cid = await createCoordination(http);
      await post(http, cid, 1);
      const c = await connect();
      expect(await c.subscribe({ coordination_id: cid, after_seq: 5 })).toMatchObject({
        ok: false,
        error: { code: "validation_error", message: expect.stringContaining("(1)") },
      });
      await post(http, cid, 2);
      const watcher = await connect();
      await watcher.subscribe({ coordination_id: cid, after_seq: 1 });
      expect(watcher.seqs(cid)).toEqual([2]);
      await c.unsubscribe(cid);
      expect(c.updates).toEqual([]);
    });

    it("a bad unsubscribe payload answers {ok: false}", async () => {
      const c = await connect();
      const ack = await c.emitWithAck("unsubscribe", { id: 1 });
      expect(ack).toEqual({ ok: false });
    });
  });

  describe("live events", () => {
    it("each whiteboard change sends its update and a changed event with its kind and version", async () => {
      // Changes made with the coordinator token are logged as "Coordinator".
      const { id: cid, coordinator } = await createTeam(http, url);
      const c = await connect();
      const ack = await c.subscribe({ coordination_id: cid });
      if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
      const v0 = ack.version;
      const responses = [
        await coordinator.put(`${base(cid)}/mission`, { mission: "M", current_focus: "F" }),
        await coordinator.put(`${base(cid)}/progress`, { progress: "P" }),
        await coordinator.post(`${base(cid)}/blockers`, { action: "add", blocker: "B" }),
        // A duplicate changes nothing: no event.
        await coordinator.post(`${base(cid)}/blockers`, { action: "add", blocker: "B" }),
        await coordinator.post(`${base(cid)}/decisions`, { decision: "D" }),
        await coordinator.post(`${base(cid)}/updates`, { agent_name: "Data Engineer", update_type: "finding", content: { ok: true }, tags: ["t"] }),
        await coordinator.post(`${base(cid)}/tools/manage_blocker_func`, { action: "remove", blocker: "B" }),
      ];
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 201, 201, 200]);
      await c.until(() => c.updates.length >= 6 && c.changed.length >= 6, "six updates and six changed events");
      expect(c.changed).toEqual([
        { coordination_id: cid, version: v0 + 1, kind: "mission" },
        { coordination_id: cid, version: v0 + 2, kind: "progress" },
        { coordination_id: cid, version: v0 + 3, kind: "blockers" },
        { coordination_id: cid, version: v0 + 4, kind: "decision" },
        { coordination_id: cid, version: v0 + 5, kind: "update" },
        { coordination_id: cid, version: v0 + 6, kind: "blockers" },
      ]);
      expect(c.updates.map((u) => [u.seq, u.agent_name, u.update_type])).toEqual([
        [1, "Coordinator", "decision"],
        [2, "Coordinator", "progress"],
        [3, "Coordinator", "blocker"],
        [4, "Coordinator", "decision"],
        [5, "Data Engineer", "finding"],
        [6, "Coordinator", "blocker"],
      ]);
      // The update event is the update as the API returns it.
      expect(c.updates[4]).toEqual(responses[5]!.body);
      expect(c.updates[0]).toEqual(responses[0]!.body.update);
      expect(c.updates[5]!.content).toEqual({ action: "blocker_remove", blocker: "B", active_blockers: [] });
    });

    it("context changes send changed events: contexts, shared_intelligence, resources and cleared", async () => {
      const cid = await createCoordination(http);
      const c = await connect();
      const ack = await c.subscribe({ coordination_id: cid });
      if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
      const redistributed = await http.post("/api/v1/coordinations", {
        coordination_state: { coordination_id: cid, session_id: "session-2" },
        agent_assignments: { data_engineer: {}, ml_engineer: {} },
        replace: true,
      });
      expect(redistributed.status, JSON.stringify(redistributed.body)).toBe(201);
      const si = await http.patch(`${base(cid)}/shared-intelligence`, {
        update_type: "type_registry",
        update_data: { UserId: "str" },
        target_agents: ["ml_engineer"],
      });
      expect(si.status, JSON.stringify(si.body)).toBe(200);
      const ra = await http.put(`${base(cid)}/agents/data_engineer/resource-allocation`, { resource_allocation: { max_retry_attempts: 5 } });
      expect(ra.status, JSON.stringify(ra.body)).toBe(200);
      const cleared = await http.delete(`${base(cid)}/contexts`);
      expect(cleared.body).toEqual({ cleared: true });
      await c.until(() => c.changed.length >= 4, "four changed events");
      const strip = ({ coordination_id, version, kind, agent_ids }: ChangedEvent) => ({ coordination_id, version, kind, agent_ids });
      expect(c.changed.map(strip)).toEqual([
        { coordination_id: cid, version: ack.version + 1, kind: "contexts", agent_ids: ["data_engineer", "ml_engineer"] },
        { coordination_id: cid, version: ack.version + 2, kind: "shared_intelligence", agent_ids: ["ml_engineer"] },
        { coordination_id: cid, version: ack.version + 3, kind: "resources", agent_ids: ["data_engineer"] },
        { coordination_id: cid, version: ack.version + 4, kind: "cleared", agent_ids: undefined },
      ]);
      expect(c.updates, "context changes log no updates").toEqual([]);
    });

    it("events of other coordinations do not reach a subscriber", async () => {
      const mine = await createCoordination(http);
      const other = await createCoordination(http);
      const c = await connect();
      await c.subscribe({ coordination_id: mine });
      await post(http, other, "elsewhere");
      await post(http, mine, "here");
      await c.until(() => c.updates.length >= 1 && c.changed.length >= 1, "the update and changed event of my coordination");
      // Round trip: anything sent before this ack has arrived by now.
      await c.unsubscribe("unrelated-id");
      expect(c.updates.map((u) => u.coordination_id)).toEqual([mine]);
      expect(c.changed.map((e) => e.coordination_id)).toEqual([mine]);
    });
  });

  describe("replay", () => {
    it("after_seq sends exactly the missed updates in order before the acknowledgement, then live ones", async () => {
      const cid = await createCoordination(http);
      for (let i = 1; i <= 5; i++) await post(http, cid, i);
      const c = await connect();
      const ack = await c.subscribe({ coordination_id: cid, after_seq: 2 });
      expect(ack).toMatchObject({ ok: true, last_seq: 5 });
      expect(c.seqs(cid), "replayed before the ack").toEqual([3, 4, 5]);
      expect(c.updates.map((u) => u.content)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
      await post(http, cid, 6);
      await post(http, cid, 7);
      await c.until(() => c.updates.length >= 5, "two live updates");
      expect(c.seqs(cid)).toEqual([3, 4, 5, 6, 7]);
    });

    it("after_seq 0 replays the whole log; after_seq at the head replays nothing", async () => {
      const cid = await createCoordination(http);
      for (let i = 1; i <= 3; i++) await post(http, cid, i);
      const all = await connect();
      await all.subscribe({ coordination_id: cid, after_seq: 0 });
      expect(all.seqs(cid)).toEqual([1, 2, 3]);
      const none = await connect();
      await none.subscribe({ coordination_id: cid, after_seq: 3 });
      expect(none.seqs(cid)).toEqual([]);
    });

    it("replays a log longer than one replay batch in order", async () => {
      const cid = await createCoordination(http);
      await writer([http], cid, 520, 40).done;
      const c = await connect();
      await c.subscribe({ coordination_id: cid, after_seq: 10 });
      expectSequence(c.seqs(cid), 11, 520, "replaying subscriber");
    });

    it("subscribing again to the same coordination restarts from the given seq", async () => {
      const cid = await createCoordination(http);
      for (let i = 1; i <= 3; i++) await post(http, cid, i);
      const c = await connect();
      await c.subscribe({ coordination_id: cid, after_seq: 1 });
      await c.subscribe({ coordination_id: cid, after_seq: 0 });
      await post(http, cid, 4);
      await c.until(() => c.seqs(cid).includes(4), "the live update");
      expect(c.seqs(cid)).toEqual([2, 3, 1, 2, 3, 4]);
    });

    it("a subscriber joining while posts are in flight sees every update exactly once, in order", async () => {
      const cid = await createCoordination(http);
      const w = writer([http], cid, 300, 12);
      await w.whenPosted(50);
      const c = await connect();
      const ack = await c.subscribe({ coordination_id: cid, after_seq: 0 });
      expect(ack.ok).toBe(true);
      await w.done;
      await c.until(() => c.seqs(cid).length >= 300, "all 300 updates");
      expectSequence(c.seqs(cid), 1, 300, "late subscriber");
    });

    it("reconnecting with the last seen seq while a writer keeps posting: every seq exactly once, in order", async () => {
      const cid = await createCoordination(http);
      const total = 400;
      const c = await connect();
      await c.subscribe({ coordination_id: cid, after_seq: 0 });
      const w = writer([http], cid, total, 6);
      for (let round = 1; round <= 3; round++) {
        await c.until(() => c.seqs(cid).length >= round * 40, `${round * 40} updates before disconnect ${round}`);
        c.disconnect();
        const postedAtDisconnect = w.posted;
        // Updates keep arriving while we are away.
        await w.whenPosted(postedAtDisconnect + 25);
        await c.reconnect();
        const last = c.seqs(cid).at(-1) ?? 0;
        const ack = await c.subscribe({ coordination_id: cid, after_seq: last });
        expect(ack.ok, JSON.stringify(ack)).toBe(true);
      }
      const posted = await w.done;
      expect(posted.length).toBe(total);
      await c.until(() => c.seqs(cid).length >= total, `all ${total} updates`);
      expectSequence(c.seqs(cid), 1, total, "reconnecting subscriber");
    });
  });

  describe("unsubscribing and resubscribing", () => {
    it("a sole subscriber leaving and coming back at once, many times while posts stream in, sees every seq exactly once, in order", async () => {
      const cid = await createCoordination(http);
      const total = 400;
      const c = await connect();
      await c.subscribe({ coordination_id: cid, after_seq: 0 });
      const w = writer([http], cid, total, 24);
      let toggles = 0;
      // At least six toggles even when the posts outrun them (a fast machine), most while posts stream in.
      while (w.posted < total - 40 || toggles < 6) {
        await c.until(() => c.seqs(cid).length > 0 && c.seqs(cid).length >= toggles * 8, `update ${toggles * 8}`);
        // Its channel closes with this unsubscribe (no one else listens) and reopens below.
        expect(await c.unsubscribe(cid)).toEqual({ ok: true });
        const ack = await c.subscribe({ coordination_id: cid, after_seq: c.seqs(cid).at(-1)! });
        expect(ack.ok, JSON.stringify(ack)).toBe(true);
        toggles++;
      }
      await w.done;
      await c.until(() => c.seqs(cid).length >= total, `all ${total} updates`);
      expect(toggles).toBeGreaterThan(5);
      expectSequence(c.seqs(cid), 1, total, "the toggling subscriber");
    });
  });

  describe("many posters, many subscribers", () => {
    it("with many concurrent HTTP posters, each of several subscribers sees 1..N exactly once, in order", async () => {
      const cid = await createCoordination(http);
      const subscribers = await Promise.all(Array.from({ length: 5 }, () => connect()));
      for (const s of subscribers) expect((await s.subscribe({ coordination_id: cid })).ok).toBe(true);
      const total = 300;
      const seqs = await writer([http], cid, total, 50).done;
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      for (const [i, s] of subscribers.entries()) {
        await s.until(() => s.seqs(cid).length >= total && s.changed.length >= total, `subscriber ${i} to see ${total} updates and changed events`);
        expectSequence(s.seqs(cid), 1, total, `subscriber ${i}`);
        expect(s.changed.map((e) => e.kind)).toEqual(Array<string>(total).fill("update"));
      }
    });
  });

  describe("unsubscribe", () => {
    it("after unsubscribe no more events arrive, while other subscribers keep receiving them", async () => {
      const cid = await createCoordination(http);
      const leaving = await connect();
      const staying = await connect();
      await leaving.subscribe({ coordination_id: cid });
      await staying.subscribe({ coordination_id: cid });
      await post(http, cid, 1);
      await leaving.until(() => leaving.updates.length === 1 && leaving.changed.length === 1, "the first update and its changed event");
      expect(await leaving.unsubscribe(cid)).toEqual({ ok: true });
      await post(http, cid, 2);
      await http.put(`${base(cid)}/progress`, { progress: "P" });
      await staying.until(() => staying.updates.length === 3 && staying.changed.length === 3, "the later events on the other subscriber");
      // A round trip on the unsubscribed socket: an event sent before this ack would have arrived first.
      expect(await leaving.unsubscribe(cid)).toEqual({ ok: true });
      expect(leaving.seqs(cid)).toEqual([1]);
      expect(leaving.changed).toHaveLength(1);
    });
  });
});

describe("two processes sharing Redis", () => {
  let cluster: HuddleCluster;

  beforeAll(async () => {
    cluster = await startCluster({ count: 2, redisUrl: REDIS_URL });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("an update posted to process A reaches a client of process B, and replay on B works", async () => {
    const [a, b] = cluster.clients as [Api, Api];
    const urlB = cluster.servers[1]!.url;
    const cid = await createCoordination(a);
    await post(a, cid, "before");
    const onB = await client(urlB, cluster.token);
    const ack = await onB.subscribe({ coordination_id: cid });
    expect(ack).toMatchObject({ ok: true, last_seq: 1 });
    const posted = await a.post(`${base(cid)}/updates`, { agent_name: "W", update_type: "finding", content: { via: "A" } });
    await a.put(`${base(cid)}/mission`, { mission: "M" });
    await onB.until(() => onB.updates.length >= 2 && onB.changed.length >= 2, "two updates from process A on process B");
    expect(onB.updates[0]).toEqual(posted.body);
    expect(onB.seqs(cid)).toEqual([2, 3]);
    expect(onB.changed.map((e) => e.kind)).toEqual(["update", "mission"]);

    const replaying = await client(urlB, cluster.token);
    expect(await replaying.subscribe({ coordination_id: cid, after_seq: 0 })).toMatchObject({ ok: true, last_seq: 3 });
    expect(replaying.seqs(cid)).toEqual([1, 2, 3]);
    expect(await b.get(`${base(cid)}/updates`)).toMatchObject({ status: 200 });
  });

  it("posters on both processes and subscribers on both: each sees 1..N exactly once, in order, across a reconnect to the other process", async () => {
    const [a, b] = cluster.clients as [Api, Api];
    const [urlA, urlB] = cluster.servers.map((s) => s.url) as [string, string];
    const cid = await createCoordination(a);
    const subscribers = [await client(urlA, cluster.token), await client(urlB, cluster.token), await client(urlB, cluster.token)];
    for (const s of subscribers) expect((await s.subscribe({ coordination_id: cid })).ok).toBe(true);
    const total = 300;
    const w = writer([a, b], cid, total, 20);

    // One client moves from A to B halfway, resuming from its last seq.
    const mover = subscribers[0]!;
    await mover.until(() => mover.seqs(cid).length >= 60, "60 updates on A");
    mover.close();
    await w.whenPosted(w.posted + 20);
    const moved = await client(urlB, cluster.token);
    const seenOnA = mover.seqs(cid);
    expect((await moved.subscribe({ coordination_id: cid, after_seq: seenOnA.at(-1)! })).ok).toBe(true);

    await w.done;
    for (const [i, s] of [...subscribers.slice(1), moved].entries()) {
      await s.until(() => s.seqs(cid).length >= (s === moved ? total - seenOnA.length : total), `subscriber ${i} to catch up`);
    }
    expectSequence([...seenOnA, ...moved.seqs(cid)], 1, total, "the client that moved from A to B");
    expectSequence(subscribers[1]!.seqs(cid), 1, total, "subscriber 1 on B");
    expectSequence(subscribers[2]!.seqs(cid), 1, total, "subscriber 2 on B");
  });

  it("a client hopping between the processes, resuming at once from its last seq each time, sees every seq exactly once, in order", async () => {
    const [a, b] = cluster.clients as [Api, Api];
    const urls = cluster.servers.map((s) => s.url);
    const cid = await createCoordination(a);
    // Another subscriber on each process keeps both channels open, as in production.
    for (const url of urls) expect((await (await client(url, cluster.token)).subscribe({ coordination_id: cid })).ok).toBe(true);
    const total = 400;
    let active = await client(urls[0]!, cluster.token);
    expect((await active.subscribe({ coordination_id: cid })).ok).toBe(true);
    const w = writer([a, b], cid, total, 16);
    const seen: number[] = [];
    for (let hop = 1; hop <= 12; hop++) {
      const next = await client(urls[hop % 2]!, cluster.token);
      const threshold = seen.length + active.seqs(cid).length + 15;
      if (threshold >= total - 20) break;
      const current = active;
      await current.until(() => seen.length + current.seqs(cid).length >= threshold, `hop ${hop}: ${threshold} updates`);
      // Leave at once: what arrives after this is not seen.
      current.close();
      seen.push(...current.seqs(cid));
      const ack = await next.subscribe({ coordination_id: cid, after_seq: seen.at(-1) ?? 0 });
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
      active = next;
    }
    await w.done;
    const last = active;
    await last.until(() => seen.length + last.seqs(cid).length >= total, `all ${total} updates`);
    expectSequence([...seen, ...last.seqs(cid)], 1, total, "the hopping client");
  });
});
