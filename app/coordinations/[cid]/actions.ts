"use server";
// The operator's whiteboard edits. Each action is the API's route in another dress: the same
// body schema, the same domain function, with the operator as the actor.
import { defineAction } from "@/lib/http/action";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { BlockerBody, DecisionBody, MissionBody, ProgressBody } from "@/lib/schemas/whiteboard";
import { logDecision, manageBlocker, updateMission, updateProgress } from "@/lib/domain/whiteboard";

/** How operator changes are signed in the update log (until access control names the operator). */
const OPERATOR = "Operator";

export const updateMissionAction = defineAction({
  params: CoordinationParams,
  body: MissionBody,
  handler: async ({ params, body }) => {
    const r = await updateMission({
      coordinationId: params.cid,
      mission: body.mission,
      currentFocus: body.current_focus,
      expectedVersion: body.expected_version,
      actor: OPERATOR,
    });
    return { version: r.version, mission: r.mission, current_focus: r.currentFocus };
  },
});

export const updateProgressAction = defineAction({
  params: CoordinationParams,
  body: ProgressBody,
  handler: async ({ params, body }) => {
    const r = await updateProgress({
      coordinationId: params.cid,
      progress: body.progress,
      expectedVersion: body.expected_version,
      actor: OPERATOR,
    });
    return { version: r.version, progress: r.progress };
  },
});

export const manageBlockerAction = defineAction({
  params: CoordinationParams,
  body: BlockerBody,
  handler: async ({ params, body }) => {
    const r = await manageBlocker({ coordinationId: params.cid, action: body.action, blocker: body.blocker, actor: OPERATOR });
    return { status: r.status, version: r.version, active_blockers: r.activeBlockers };
  },
});

export const logDecisionAction = defineAction({
  params: CoordinationParams,
  body: DecisionBody,
  handler: async ({ params, body }) => {
    const r = await logDecision({ coordinationId: params.cid, decision: body.decision, rationale: body.rationale, actor: OPERATOR });
    return { version: r.version, seq: r.update.seq };
  },
});
