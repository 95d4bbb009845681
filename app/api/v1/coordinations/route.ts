// POST /api/v1/coordinations: distribute contexts (create a coordination and one context per agent)
// GET  /api/v1/coordinations: list, newest activity first, ?limit=&cursor=
import { defineRoute, json } from "@/lib/http/route";
import { CreateCoordinationBody, ListCoordinationsQuery, toDistributionDto } from "@/lib/schemas/contexts";
import { toCoordinationDto } from "@/lib/schemas/coordinations";
import { distributeContexts } from "@/lib/domain/contexts";
import { getCoordination, listCoordinations } from "@/lib/domain/coordinations";
import { authorizeDistribution } from "@/lib/domain/access";

export const POST = defineRoute({
  route: "/api/v1/coordinations",
  auth: "coordinations:create",
  body: CreateCoordinationBody,
  handler: async ({ body, principal }) => {
    authorizeDistribution(principal, body.coordination_state.coordination_id, body.replace);
    const d = await distributeContexts(body);
    return json(
      {
        coordination: toCoordinationDto(d.coordination),
        contexts: d.contexts,
        metrics: toDistributionDto(d),
        credentials: d.credentials,
      },
      { status: 201 },
    );
  },
});

export const GET = defineRoute({
  route: "/api/v1/coordinations",
  auth: "coordinations:list",
  query: ListCoordinationsQuery,
  handler: async ({ query, principal }) => {
    // A coordination's own tokens see only that coordination.
    if (principal.kind !== "admin") {
      return json({ coordinations: [toCoordinationDto(await getCoordination(principal.coordinationId))], next_cursor: null });
    }
    const page = await listCoordinations(query);
    return json({ coordinations: page.coordinations.map(toCoordinationDto), next_cursor: page.nextCursor });
  },
});
