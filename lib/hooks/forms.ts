// Form validation with the API's own zod schemas: messages keyed by field, the same whether
// they come from parsing in the browser or from a server action's validation_error details.
import type { z } from "zod";
import type { ActionResult } from "@/lib/http/errors";

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(schema: z.ZodType, value: unknown, stripPrefix = ""): FieldErrors {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const out: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join(".");
    const key = stripPrefix && path.startsWith(stripPrefix) ? path.slice(stripPrefix.length) : path;
    out[key] ??= issue.message;
  }
  return out;
}

export function fieldErrorsFromAction(error: Extract<ActionResult<never>, { ok: false }>["error"], stripPrefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const d of error.details ?? []) {
    const key = stripPrefix && d.path.startsWith(stripPrefix) ? d.path.slice(stripPrefix.length) : d.path;
    out[key] ??= d.message;
  }
  return out;
}
