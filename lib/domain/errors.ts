import type { z } from "zod";
// The one error type of the domain. Route handlers, server actions and Socket.IO acks turn it
// into their own answer through lib/http/errors.ts; anything else thrown is unexpected.
export type ErrorCode =
  | "validation_error"
  | "not_found"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "payload_too_large"
  | "rate_limited";

export interface FieldIssue {
  path: string;
  message: string;
}

export class HuddleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { details?: FieldIssue[]; current?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "HuddleError";
  }
}

export const NotFound = (message: string) => new HuddleError("not_found", message);
export const Conflict = (message: string, current: unknown) => new HuddleError("conflict", message, { current });
export const Forbidden = (message: string) => new HuddleError("forbidden", message);
export const Unauthorized = (message: string) => new HuddleError("unauthorized", message);
export const ValidationFailed = (details: FieldIssue[], message = describeIssues(details)) =>
  new HuddleError("validation_error", message, { details });

export function describeIssues(details: FieldIssue[]): string {
  const first = details[0];
  if (!first) return "invalid request";
  const head = first.path ? `${first.path}: ${first.message}` : first.message;
  return details.length > 1 ? `${head} (and ${details.length - 1} more)` : head;
}

export function isHuddleError(e: unknown): e is HuddleError {
  return e instanceof HuddleError || (e instanceof Error && e.name === "HuddleError" && "code" in e);
}

/** zod's issues as API.md's `details`: `{path: "coordination_state.session_id", message}`. */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: [...base, key].join("."), message: "is not a known field" });
    } else if (issue.code === "invalid_union" && issue.message === "Invalid input") {
      out.push({ path: base.join("."), message: "has the wrong shape" });
    } else {
      out.push({ path: base.join("."), message: issue.message });
    }
  }
  return out;
}

export function validationError(error: z.ZodError, prefix: (string | number)[] = []): HuddleError {
  const details = zodIssues(error, prefix);
  return ValidationFailed(details);
}

