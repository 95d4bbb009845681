// DELETE /api/v1/coordinations/{cid}/contexts: clear the coordination's contexts
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { clearCoordinationContexts } from "@/lib/domain/contexts";

export const DELETE = defineRoute({
  route: "/api/v1/coordinations/[cid]/contexts",
  auth: "coordination:write",
  params: CoordinationParams,
  handler: async ({ params }) => json({ cleared: await clearCoordinationContexts(params.cid) }),
});
