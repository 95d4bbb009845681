// PUT /api/v1/coordinations/{cid}/mission: set mission and/or current focus (logged as a decision)
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { MissionBody, toUpdateDto } from "@/lib/schemas/whiteboard";
import { updateMission } from "@/lib/domain/whiteboard";
import { actorOf } from "@/lib/domain/access";

export const PUT = defineRoute({
  route: "/api/v1/coordinations/[cid]/mission",
  auth: "coordination:write",
  params: CoordinationParams,
  body: MissionBody,
  handler: async ({ params, body, principal }) => {
    const r = await updateMission({
      coordinationId: params.cid,
      ...body,
      actor: actorOf(principal),
    });
    return json({ mission: r.mission, current_focus: r.currentFocus, version: r.version, update: toUpdateDto(r.update) });
  },
});
