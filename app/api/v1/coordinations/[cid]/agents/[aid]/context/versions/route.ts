// GET /api/v1/coordinations/{cid}/agents/{aid}/context/versions: every version, newest first
// (?limit=, ?before_revision= to page further back)
import { defineRoute, json } from "@/lib/http/route";
import { AgentParams, ContextVersionsQuery, toContextVersionDto } from "@/lib/schemas/contexts";
import { listContextVersions } from "@/lib/domain/contexts";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/agents/[aid]/context/versions",
  auth: "agent:read",
  params: AgentParams,
  query: ContextVersionsQuery,
  handler: async ({ params, query }) => {
    const page = await listContextVersions(params.cid, params.aid, {
      limit: query.limit,
      beforeRevision: query.before_revision,
    });
    return json({ versions: page.versions.map(toContextVersionDto), next_before_revision: page.nextBeforeRevision });
  },
});
