// GET /api/v1/coordinations/{cid}/roster: {"agents": [...]} in distribution order, each with its
// role, context version and size, and last activity (its newest update), for the operator UI
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { getRoster, toRosterEntryDto } from "@/lib/domain/roster";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/roster",
  auth: "coordination:read",
  params: CoordinationParams,
  handler: async ({ params }) => json({ agents: (await getRoster(params.cid)).map(toRosterEntryDto) }),
});
