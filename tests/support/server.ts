// Starts a real Huddle process (the production build through the custom server) on a free
// port, against a given database, and stops it with SIGTERM as an operator would.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface HuddleProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for a clean exit; resolves to the exit code. */
  stop(): Promise<number | null>;
}

export async function startServer(options: {
  databaseUrl?: string;
  dataDir?: string;
  redisUrl?: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<HuddleProcess> {
  if (!existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` before the HTTP tests (npm test does).");
  }
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    PORT: String(options.port ?? 0),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.HUDDLE_DATA_DIR = options.dataDir;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;

  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${log}`)), 60_000);
    const onData = () => {
      const m = /Huddle is listening on http:\/\/[^:]+:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${log}`));
    });
  });

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** JSON over HTTP with the status kept: `const { status, body } = await api(url).post(path, data)`. */
export function api(base: string, headers: Record<string, string> = {}) {
  const call = async (method: string, p: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(base + p, {
      method,
      headers: { "content-type": "application/json", ...headers, ...extra },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, body: parsed as any };
  };
  return {
    get: (p: string, extra?: Record<string, string>) => call("GET", p, undefined, extra),
    post: (p: string, body?: unknown, extra?: Record<string, string>) => call("POST", p, body, extra),
    put: (p: string, body?: unknown, extra?: Record<string, string>) => call("PUT", p, body, extra),
    patch: (p: string, body?: unknown, extra?: Record<string, string>) => call("PATCH", p, body, extra),
    delete: (p: string, extra?: Record<string, string>) => call("DELETE", p, undefined, extra),
  };
}
