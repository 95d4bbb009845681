// POST /api/v1/coordinations/{cid}/blockers: {"action": "add" | "remove", "blocker"}
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { BlockerBody } from "@/lib/schemas/whiteboard";
import { COORDINATOR, manageBlocker } from "@/lib/domain/whiteboard";

export const POST = defineRoute({
  route: "/api/v1/coordinations/[cid]/blockers",
  params: CoordinationParams,
  body: BlockerBody,
  handler: async ({ params, body }) => {
    const r = await manageBlocker({ coordinationId: params.cid, action: body.action, blocker: body.blocker, actor: COORDINATOR });
    return json({ status: r.status, active_blockers: r.activeBlockers, version: r.version });
  },
});
