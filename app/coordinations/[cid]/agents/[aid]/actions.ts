"use server";
// The operator's edit of one agent's context: the API's PUT .../resource-allocation in another
// dress (same body schema, same domain function). expected_version makes a stale save a conflict.
import { defineAction } from "@/lib/http/action";
import { AgentParams, ResourceAllocationUpdateBody } from "@/lib/schemas/contexts";
import { updateResourceAllocation } from "@/lib/domain/contexts";

export const updateResourceAllocationAction = defineAction({
  params: AgentParams,
  body: ResourceAllocationUpdateBody,
  handler: async ({ params, body }) => {
    const context = await updateResourceAllocation({
      coordinationId: params.cid,
      agentId: params.aid,
      ...body,
    });
    return { context_version: context.context_version, resource_allocation: context.resource_allocation };
  },
});
