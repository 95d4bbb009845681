// GET /api/v1/coordinations/{cid}/agents/{aid}/context/versions/{n}: one version
import { defineRoute, json } from "@/lib/http/route";
import { VersionParams, toContextVersionDto } from "@/lib/schemas/contexts";
import { getContextVersion } from "@/lib/domain/contexts";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/agents/[aid]/context/versions/[n]",
  auth: "agent:read",
  params: VersionParams,
  handler: async ({ params }) => json(toContextVersionDto(await getContextVersion(params.cid, params.aid, params.n))),
});
