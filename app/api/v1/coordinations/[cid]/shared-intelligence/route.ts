// PATCH /api/v1/coordinations/{cid}/shared-intelligence: a context update request
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams, SharedIntelligenceUpdateBody } from "@/lib/schemas/contexts";
import { updateSharedIntelligence } from "@/lib/domain/contexts";

export const PATCH = defineRoute({
  route: "/api/v1/coordinations/[cid]/shared-intelligence",
  auth: "coordination:write",
  params: CoordinationParams,
  body: SharedIntelligenceUpdateBody,
  handler: async ({ params, body }) =>
    json({
      results: await updateSharedIntelligence({
        coordinationId: params.cid,
        updateType: body.update_type,
        updateData: body.update_data,
        targetAgents: body.target_agents,
        incrementVersion: body.increment_version,
      }),
    }),
});
