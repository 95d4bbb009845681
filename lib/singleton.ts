// Next bundles route handlers and server actions apart from the custom server, so a module-level
// variable would exist twice. Process-wide singletons live on globalThis under one key each.
const store = globalThis as unknown as { __huddle?: Map<string, unknown> };

export function singleton<T>(key: string, create: () => T): T {
  store.__huddle ??= new Map();
  if (!store.__huddle.has(key)) store.__huddle.set(key, create());
  return store.__huddle.get(key) as T;
}

export function setSingleton<T>(key: string, value: T | undefined): void {
  store.__huddle ??= new Map();
  if (value === undefined) store.__huddle.delete(key);
  else store.__huddle.set(key, value);
}

export function peekSingleton<T>(key: string): T | undefined {
  return store.__huddle?.get(key) as T | undefined;
}
