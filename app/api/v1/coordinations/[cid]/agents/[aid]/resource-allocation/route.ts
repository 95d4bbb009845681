// PUT /api/v1/coordinations/{cid}/agents/{aid}/resource-allocation: change one agent's resource allocation
import { defineRoute, json } from "@/lib/http/route";
import { AgentParams, ResourceAllocationUpdateBody } from "@/lib/schemas/contexts";
import { updateResourceAllocation } from "@/lib/domain/contexts";

export const PUT = defineRoute({
  route: "/api/v1/coordinations/[cid]/agents/[aid]/resource-allocation",
  auth: "coordination:write",
  params: AgentParams,
  body: ResourceAllocationUpdateBody,
  handler: async ({ params, body }) => {
    const context = await updateResourceAllocation({
      coordinationId: params.cid,
      agentId: params.aid,
      ...body,
    });
    return json(context, { headers: { etag: `"${context.context_version}"` } });
  },
});
