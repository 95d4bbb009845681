// GET /api/v1/coordinations/{cid}/agents/{aid}/context: the agent's current context.
// ETag is its context_version; If-None-Match with that version answers 304.
// The custom server calls this handler directly for speed (server/fast-lane.ts).
import { defineRoute, json } from "@/lib/http/route";
import { AgentParams } from "@/lib/schemas/contexts";
import { getAgentContext } from "@/lib/domain/contexts";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/agents/[aid]/context",
  auth: "agent:read",
  params: AgentParams,
  handler: async ({ params, req }) => {
    const record = await getAgentContext(params.cid, params.aid);
    const etag = `"${record.contextVersion}"`;
    const headers = { etag, "cache-control": "no-cache" };
    const ifNoneMatch = req.headers.get("if-none-match");
    if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*")) {
      return new Response(null, { status: 304, headers });
    }
    return json(record.context, { headers });
  },
});
