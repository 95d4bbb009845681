// The one place events leave the domain. Domain functions call publish() after their
// transaction commits; the realtime hub installed by the custom server delivers them to
// subscribed sockets in this and (through Redis) every other Huddle process.
import { peekSingleton } from "../singleton";
import type { HuddleEvent } from "./events";

export interface EventSink {
  publish(events: HuddleEvent[]): void;
}

export const EVENT_SINK_KEY = "realtime.sink";

export function publish(events: HuddleEvent[]): void {
  if (events.length === 0) return;
  // No sink: a script or a test using the domain without a server; nobody can be listening.
  peekSingleton<EventSink>(EVENT_SINK_KEY)?.publish(events);
}
