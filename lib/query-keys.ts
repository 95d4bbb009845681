// Query keys from one factory: a socket event invalidates exactly these.
export const keys = {
  coordinations: () => ["coordinations"] as const,
  coordination: (cid: string) => ["coordination", cid] as const,
};
