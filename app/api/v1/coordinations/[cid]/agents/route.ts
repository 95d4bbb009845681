// GET /api/v1/coordinations/{cid}/agents: {"agent_ids": [...]} in distribution order
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { listAgents } from "@/lib/domain/contexts";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/agents",
  auth: "coordination:read",
  params: CoordinationParams,
  handler: async ({ params }) => json({ agent_ids: await listAgents(params.cid) }),
});
