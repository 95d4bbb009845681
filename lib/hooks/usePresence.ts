"use client";
// Socket-level state for the header: the connection (live / reconnecting) and how many
// operators watch a coordination now (the hub's `presence` event).
import { useSyncExternalStore } from "react";
import { liveClient, type ConnectionStatus } from "@/lib/realtime/client";

const subscribe = (onChange: () => void) => liveClient().subscribeStore(onChange);

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(subscribe, () => liveClient().getStatus(), () => "connecting");
}

export function usePresence(cid: string): number | null {
  return useSyncExternalStore(subscribe, () => liveClient().getOperators(cid), () => null);
}
