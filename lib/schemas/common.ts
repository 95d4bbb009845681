// Building blocks shared by every schema: ids, bounded text, JSON objects.
import { z } from "zod";

// Messages that read well after a field path: "coordination_state.session_id: is required".
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type") {
      if (issue.input === undefined) return "is required";
      if (issue.input === null) return `must be ${issue.expected === "record" ? "an object" : `a ${issue.expected}`}, not null`;
      const expected = issue.expected === "record" || issue.expected === "object" ? "an object" : issue.expected === "array" ? "a list" : `a ${issue.expected}`;
      return `must be ${expected}`;
    }
    return undefined;
  },
});

/** Ids (`coordination_id`, agent ids): 1 to 128 letters, digits, `.`, `_`, `:` and `-`. */
export const Id = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "may contain only letters, digits, '.', '_', ':' and '-'");

/** A short label: names, roles, channels. */
export const Label = z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters");

/** Free text written by agents or operators (mission, progress, a blocker, a decision). */
export const Text = z.string().max(10_000, "must be at most 10000 characters");

export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

/** An integer query parameter (`?limit=20`). */
export const QueryInt = z.coerce.number().int("must be an integer");

export const Pagination = {
  limit: (max: number, fallback: number) =>
    QueryInt.min(1, "must be at least 1").max(max, `must be at most ${max}`).default(fallback),
};
