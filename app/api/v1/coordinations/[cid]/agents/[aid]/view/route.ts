// GET /api/v1/coordinations/{cid}/agents/{aid}/view: the agent view with its prompt-ready context_message
import { defineRoute, json } from "@/lib/http/route";
import { ViewParams } from "@/lib/schemas/whiteboard";
import { getAgentView } from "@/lib/domain/whiteboard";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/agents/[aid]/view",
  auth: "agent:read",
  params: ViewParams,
  handler: async ({ params }) => json(await getAgentView(params.cid, params.aid)),
});
