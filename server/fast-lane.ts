// Every agent polls GET /api/v1/coordinations/{cid}/agents/{aid}/context. Next's app router
// costs 1-2 ms per request on a 2-core machine, more than the handler's own work, so the custom
// server hands this one request straight to the same route handler: authentication, validation,
// ETag and errors all stay in the handler; only Next's routing is skipped. HUDDLE_FAST_CONTEXT=0
// sends it through Next like everything else.
import type { IncomingMessage, ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import { GET as getContext } from "../app/api/v1/coordinations/[cid]/agents/[aid]/context/route";
import { logger } from "../lib/log";

const CONTEXT_PATH = /^\/api\/v1\/coordinations\/([^/?#]+)\/agents\/([^/?#]+)\/context(?:\?|$)/;

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Next answers a path with broken percent-encoding ("/api/v1/coordinations/%ZZ") with a bare
 * 500. For the API that is a client error: answer it as API.md's 400 before Next sees it.
 */
export function rejectMalformedApiPath(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?")[0]!;
  if (!path.startsWith("/api/") || decode(path) !== undefined) return false;
  res.writeHead(400, { "content-type": "application/json; charset=utf-8" });
  res.end(
    JSON.stringify({
      error: {
        code: "validation_error",
        message: "path: malformed percent-encoding",
        details: [{ path: "", message: "malformed percent-encoding in the path" }],
      },
    }),
  );
  return true;
}

/** Serves the request if it is a context GET; returns false to leave it to Next. */
export function serveFastLane(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || !req.url) return false;
  const m = CONTEXT_PATH.exec(req.url);
  if (!m) return false;
  const cid = decode(m[1]!);
  const aid = decode(m[2]!);
  if (cid === undefined || aid === undefined) return false;

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  let request: NextRequest;
  try {
    request = new NextRequest(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: "GET", headers });
  } catch {
    // A Host header that makes no URL ("a%zz"): let Next answer it as it answers any other path.
    return false;
  }
  getContext(request, { params: Promise.resolve({ cid, aid }) })
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })
    .catch((err: unknown) => {
      // The handler maps every error itself; this is only reached if writing the answer failed.
      logger().error({ err }, "fast lane failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end();
    });
  return true;
}
