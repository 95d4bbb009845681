// The one place that reads process.env: parsed with zod once, then read as `env()`.
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  HUDDLE_DATA_DIR: z.string().trim().min(1).default(".data"),
  REDIS_URL: optionalString,
  HUDDLE_ADMIN_TOKEN: optionalString,
  /** Serve context GETs straight from the custom server to their route handler (server/fast-lane.ts). */
  HUDDLE_FAST_CONTEXT: z
    .enum(["0", "1", "true", "false"])
    .default("1")
    .transform((v) => v === "1" || v === "true"),
  HUDDLE_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(100),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema> & { host: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const host = parsed.data.HOST ?? (parsed.data.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1");
  cached = { ...parsed.data, host };
  return cached;
}
