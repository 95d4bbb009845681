// Wire shapes of coordinations (snake_case at the HTTP boundary).
import type { Coordination } from "../domain/coordinations";

export function toCoordinationDto(c: Coordination) {
  return {
    coordination_id: c.id,
    session_id: c.sessionId,
    parent_workflow_id: c.parentWorkflowId,
    workflow_type: c.workflowType,
    mission: c.mission,
    current_focus: c.currentFocus,
    progress: c.progress,
    active_blockers: c.activeBlockers,
    team_roles: c.teamRoles,
    version: c.version,
    last_seq: c.lastSeq,
    agent_count: c.agentCount,
    created_at: c.createdAt.toISOString(),
    last_activity_at: c.lastActivityAt.toISOString(),
  };
}
export type CoordinationDto = ReturnType<typeof toCoordinationDto>;
