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

// Text must reach the database as sent. Postgres text cannot hold U+0000, and an unpaired
// surrogate (half of a UTF-16 pair, "\ud800") is not Unicode at all: Prisma refuses it in some
// statements, a text column silently stores U+FFFD instead, and jsonb refuses it. So every text
// field refuses both, as a 400 naming the field, never a 500 later.
export const NO_NUL = "must not contain the NUL character (U+0000)";
export const NO_LONE_SURROGATE = "must not contain unpaired surrogates (U+D800 to U+DFFF standing alone)";
export const isStorableText = (s: string) => !s.includes("\u0000") && s.isWellFormed();
/** A string schema that also refuses NUL and unpaired surrogates. */
export const storable = (s: z.ZodString) =>
  s.refine((v) => !v.includes("\u0000"), NO_NUL).refine((v) => v.isWellFormed(), NO_LONE_SURROGATE);

/** A short label: names, roles, channels. */
export const Label = storable(z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters"));

/** Free text written by agents or operators (mission, progress, a blocker, a decision). */
export const Text = storable(z.string().max(10_000, "must be at most 10000 characters"));

/** Largest value of a Postgres `integer` column (versions, seq): beyond it a query fails. */
export const MAX_INT4 = 2_147_483_647;

export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

/** An integer query parameter (`?limit=20`). */
export const QueryInt = z.coerce.number().int("must be an integer");

export const Pagination = {
  limit: (max: number, fallback: number) =>
    QueryInt.min(1, "must be at least 1").max(max, `must be at most ${max}`).default(fallback),
};
