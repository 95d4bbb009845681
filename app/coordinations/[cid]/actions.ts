"use server";
// The operator's whiteboard edits. Each action is the API's route in another dress: the same
// body schema, the same domain function, with the operator as the actor.
import { defineAction } from "@/lib/http/action";
import { actorOf, rotateCredentials } from "@/lib/domain/access";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { BlockerBody, DecisionBody, MissionBody, ProgressBody } from "@/lib/schemas/whiteboard";
import { logDecision, manageBlocker, updateMission, updateProgress } from "@/lib/domain/whiteboard";

export const updateMissionAction = defineAction({
  params: CoordinationParams,
  body: MissionBody,
  handler: async ({ params, body, operator }) => {
    const r = await updateMission({
      coordinationId: params.cid,
      ...body,
      actor: actorOf(operator),
    });
    return { version: r.version, mission: r.mission, current_focus: r.currentFocus };
  },
});

export const updateProgressAction = defineAction({
  params: CoordinationParams,
  body: ProgressBody,
  handler: async ({ params, body, operator }) => {
    const r = await updateProgress({
      coordinationId: params.cid,
      ...body,
      actor: actorOf(operator),
    });
    return { version: r.version, progress: r.progress };
  },
});

export const manageBlockerAction = defineAction({
  params: CoordinationParams,
  body: BlockerBody,
  handler: async ({ params, body, operator }) => {
    const r = await manageBlocker({ coordinationId: params.cid, action: body.action, blocker: body.blocker, actor: actorOf(operator) });
    return { status: r.status, version: r.version, active_blockers: r.activeBlockers };
  },
});

export const logDecisionAction = defineAction({
  params: CoordinationParams,
  body: DecisionBody,
  handler: async ({ params, body, operator }) => {
    const r = await logDecision({ coordinationId: params.cid, decision: body.decision, rationale: body.rationale, actor: actorOf(operator) });
    return { version: r.version, seq: r.update.seq };
  },
});

/** New tokens for the coordinator and every agent, shown once; the old ones stop working at once. */
export const rotateTokensAction = defineAction({
  params: CoordinationParams,
  handler: async ({ params }) => rotateCredentials(params.cid),
});
