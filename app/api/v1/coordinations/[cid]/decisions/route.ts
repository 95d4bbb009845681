// POST /api/v1/coordinations/{cid}/decisions: {"decision", "rationale"?}
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { DecisionBody, toUpdateDto } from "@/lib/schemas/whiteboard";
import { logDecision } from "@/lib/domain/whiteboard";
import { actorOf } from "@/lib/domain/access";

export const POST = defineRoute({
  route: "/api/v1/coordinations/[cid]/decisions",
  auth: "coordination:write",
  params: CoordinationParams,
  body: DecisionBody,
  handler: async ({ params, body, principal }) => {
    const r = await logDecision({ coordinationId: params.cid, decision: body.decision, rationale: body.rationale, actor: actorOf(principal) });
    return json({ version: r.version, update: toUpdateDto(r.update) }, { status: 201 });
  },
});
