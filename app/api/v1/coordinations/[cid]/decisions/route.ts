// POST /api/v1/coordinations/{cid}/decisions: {"decision", "rationale"?}
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { DecisionBody, toUpdateDto } from "@/lib/schemas/whiteboard";
import { COORDINATOR, logDecision } from "@/lib/domain/whiteboard";

export const POST = defineRoute({
  route: "/api/v1/coordinations/[cid]/decisions",
  params: CoordinationParams,
  body: DecisionBody,
  handler: async ({ params, body }) => {
    const r = await logDecision({ coordinationId: params.cid, decision: body.decision, rationale: body.rationale, actor: COORDINATOR });
    return json({ version: r.version, update: toUpdateDto(r.update) }, { status: 201 });
  },
});
