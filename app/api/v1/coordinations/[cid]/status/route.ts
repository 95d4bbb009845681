// GET /api/v1/coordinations/{cid}/status: {"text", "status"}, the seed's team status as text and JSON
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { getTeamStatus } from "@/lib/domain/whiteboard";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/status",
  auth: "team:read",
  params: CoordinationParams,
  handler: async ({ params }) => json(await getTeamStatus(params.cid)),
});
