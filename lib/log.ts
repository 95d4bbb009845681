// Structured logs (pino), one logger per process.
import pino from "pino";
import { env } from "./env";
import { singleton } from "./singleton";

export function logger(): pino.Logger {
  return singleton("logger", () => pino({ level: env().LOG_LEVEL, base: { service: "huddle" } }));
}
