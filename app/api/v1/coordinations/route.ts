// POST /api/v1/coordinations: distribute contexts (create a coordination and one context per agent)
// GET  /api/v1/coordinations: list, newest activity first, ?limit=&cursor=
import { defineRoute, json } from "@/lib/http/route";
import { CreateCoordinationBody, ListCoordinationsQuery, toDistributionDto } from "@/lib/schemas/contexts";
import { toCoordinationDto } from "@/lib/schemas/coordinations";
import { distributeContexts } from "@/lib/domain/contexts";
import { listCoordinations } from "@/lib/domain/coordinations";

export const POST = defineRoute({
  route: "/api/v1/coordinations",
  body: CreateCoordinationBody,
  handler: async ({ body }) => {
    const d = await distributeContexts(body);
    return json(
      { coordination: toCoordinationDto(d.coordination), contexts: d.contexts, metrics: toDistributionDto(d) },
      { status: 201 },
    );
  },
});

export const GET = defineRoute({
  route: "/api/v1/coordinations",
  query: ListCoordinationsQuery,
  handler: async ({ query }) => {
    const page = await listCoordinations(query);
    return json({ coordinations: page.coordinations.map(toCoordinationDto), next_cursor: page.nextCursor });
  },
});
