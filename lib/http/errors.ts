// The one code-to-status table. HTTP bodies, server action results and Socket.IO acks all take
// their errors from here: expected errors say what is wrong; unexpected ones say nothing about
// the inside and are logged with the request id.
import { z } from "zod";
import { isHuddleError, validationError, type ErrorCode, type FieldIssue } from "../domain/errors";
import { logger } from "../log";

export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: ErrorCode | "internal_error"; message: string; details?: FieldIssue[]; request_id?: string };
  current?: unknown;
}

/** Turns anything thrown into a status and body; logs what was not expected. */
export function toErrorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof z.ZodError) error = validationError(error);
  if (isHuddleError(error)) {
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, ...(error.extra.details ? { details: error.extra.details } : {}) },
    };
    if (error.code === "conflict") body.current = error.extra.current ?? null;
    const headers: Record<string, string> = {};
    if (error.extra.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.extra.retryAfterSeconds);
    return { status: ERROR_STATUS[error.code], body, headers };
  }
  logger().error({ err: error, requestId }, "unexpected error");
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on our side; the request id says where.", request_id: requestId } },
    headers: {},
  };
}

/** For server actions: a plain result the client can show, never a thrown error. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody["error"]; current?: unknown };

export function toActionError(error: unknown): ActionResult<never> {
  const { body } = toErrorResponse(error, crypto.randomUUID());
  return { ok: false, error: body.error, ...(body.current !== undefined ? { current: body.current } : {}) };
}
