// Coordinations with their credentials, for tests that act as a coordination's coordinator or
// agents (API.md "Access"): the creation response's tokens, and a JSON client per token.
import { api } from "./server";
import { SEED_TEAM_ROLES, uniqueId, type Api } from "./huddle";

export interface Credentials {
  coordinator_token: string;
  agent_tokens: Record<string, string>;
}

export interface Team {
  id: string;
  credentials: Credentials;
  /** A client sending the coordinator token. */
  coordinator: Api;
  /** A client sending the given agent's token. */
  agent(agentId: string): Api;
}

/** A JSON client that sends `token` as its bearer token. */
export const withToken = (url: string, token: string): Api => api(url, { authorization: `Bearer ${token}` });

/**
 * Creates a coordination over HTTP (by default three agents and the seed's team roles, as
 * huddle.ts's createCoordination) and returns it with its credentials and clients per token.
 */
export async function createTeam(
  admin: Api,
  url: string,
  { id = uniqueId("team"), agents = ["data_engineer", "data_analyst", "ml_engineer"] }: { id?: string; agents?: string[] } = {},
): Promise<Team> {
  const res = await admin.post("/api/v1/coordinations", {
    coordination_state: { coordination_id: id, session_id: "session-1" },
    agent_assignments: Object.fromEntries(agents.map((a) => [a, {}])),
    team_roles: SEED_TEAM_ROLES,
  });
  if (res.status !== 201) throw new Error(`creating coordination ${id}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  const credentials = res.body.credentials as Credentials | undefined;
  if (!credentials?.coordinator_token) throw new Error(`creating coordination ${id}: no credentials in ${JSON.stringify(res.body)}`);
  return {
    id,
    credentials,
    coordinator: withToken(url, credentials.coordinator_token),
    agent: (agentId) => {
      const token = credentials.agent_tokens[agentId];
      if (!token) throw new Error(`coordination ${id} has no token for agent '${agentId}'`);
      return withToken(url, token);
    },
  };
}
