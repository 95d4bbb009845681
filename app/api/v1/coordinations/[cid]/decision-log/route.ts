// GET /api/v1/coordinations/{cid}/decision-log: {"decisions": [update, ...]}, the decisions logged
// with log_decision (content {decision, rationale}), newest first, ?limit= (default 50, at most 500)
import { z } from "zod";
import { defineRoute, json } from "@/lib/http/route";
import { Pagination } from "@/lib/schemas/common";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { toUpdateDto } from "@/lib/schemas/whiteboard";
import { listDecisions } from "@/lib/domain/whiteboard";
import { getCoordinationHead } from "@/lib/domain/updates";

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/decision-log",
  auth: "coordination:read",
  params: CoordinationParams,
  query: z.strictObject({ limit: Pagination.limit(500, 50) }),
  handler: async ({ params, query }) => {
    // listDecisions answers [] for an unknown coordination; the head read makes that a 404.
    const [, decisions] = await Promise.all([getCoordinationHead(params.cid), listDecisions(params.cid, query.limit)]);
    return json({ decisions: decisions.map(toUpdateDto) });
  },
});
