// The one route wrapper: every route.ts under app/api declares who may call it, its schemas and a
// handler; this authenticates, authorizes against the route's {cid, aid}, rate-limits, parses
// (params, query, body) with zod, limits the body, times the request and maps errors.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { metrics } from "../metrics";
import { toErrorResponse } from "./errors";
import { HuddleError, validationError } from "../domain/errors";
import { authorize, type Capability, type Principal } from "../domain/access";
import { principalFromRequest } from "./auth";
import { spend } from "./rate-limit";

export const MAX_BODY_BYTES = 1024 * 1024;
/** How much of an oversize body is read (and dropped) to answer 413 on a reusable connection. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  /** The route pattern, for metrics labels: "/api/v1/coordinations/[cid]". */
  route: string;
  /** What the caller must be allowed to do, on the coordination (and agent) named by the path. */
  auth: Capability;
  params?: P;
  query?: Q;
  body?: B;
  handler: (input: { params: Out<P>; query: Out<Q>; body: Out<B>; req: NextRequest; principal: Principal }) => Promise<Response>;
}

export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff", ...init.headers },
  });
}

const tooLarge = () =>
  new HuddleError("payload_too_large", `request body must be at most ${MAX_BODY_BYTES} bytes`);

async function readBody(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return undefined;
  // Count while reading: a chunked body has no content-length to trust.
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      // Read the rest without keeping it, so the 413 reaches the client and its keep-alive
      // connection stays usable; past DRAIN_LIMIT, stop reading and let the connection go.
      if (total > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      continue;
    }
    chunks.push(value);
  }
  if (total > MAX_BODY_BYTES) throw tooLarge();
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : "not JSON";
    throw new HuddleError("validation_error", `body: malformed JSON (${detail})`, {
      details: [{ path: "", message: `malformed JSON: ${detail}` }],
    });
  }
}

function parse<S extends Schema | undefined>(schema: S | undefined, value: unknown, what: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const err = validationError(result.error);
    if (what === "body" && value === undefined) {
      throw new HuddleError("validation_error", "body: a JSON object is required", {
        details: [{ path: "", message: "a JSON object is required" }],
      });
    }
    throw err;
  }
  return result.data as Out<S>;
}

export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B>) {
  return async (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const started = performance.now();
    const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
    let response: Response;
    try {
      const principal = await principalFromRequest(req);
      const params = parse(spec.params, await ctx.params, "params");
      const target = (params ?? {}) as { cid?: string; aid?: string };
      authorize(principal, spec.auth, { coordinationId: target.cid, agentId: target.aid });
      if (principal.kind !== "admin") {
        await spend(principal.kind === "agent" ? `a:${principal.coordinationId}:${principal.agentId}` : `c:${principal.coordinationId}`);
      }
      const query = parse(spec.query, Object.fromEntries(req.nextUrl.searchParams), "query");
      const body = spec.body ? parse(spec.body, await readBody(req), "body") : (undefined as Out<B>);
      response = await spec.handler({ params, query, body, req, principal });
    } catch (error) {
      const { status, body, headers } = toErrorResponse(error, requestId);
      response = json(body, { status, headers });
    }
    response.headers.set("x-request-id", requestId);
    metrics()
      .requestDuration.labels(req.method, spec.route, String(response.status))
      .observe(performance.now() - started);
    return response;
  };
}
