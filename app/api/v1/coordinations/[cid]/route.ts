// GET /api/v1/coordinations/{cid}: the coordination with its whiteboard state and version
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { toCoordinationDto } from "@/lib/schemas/coordinations";
import { getCoordination } from "@/lib/domain/coordinations";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]",
  auth: "coordination:read",
  params: CoordinationParams,
  handler: async ({ params }) => json(toCoordinationDto(await getCoordination(params.cid))),
});
