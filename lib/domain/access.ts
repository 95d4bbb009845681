// Who may do what (API.md, "Access"). Owns tokens, operator sessions and the one table of
// capabilities. Tokens are random 256-bit secrets shown once; only their SHA-256 is stored (a
// fast hash is right for high-entropy secrets: there is nothing to brute-force). Never logs or
// returns a stored token.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getPrisma } from "../db";
import { peekSingleton, setSingleton } from "../singleton";
import { Forbidden, Unauthorized, ValidationFailed } from "./errors";
import { changeCoordination, type Tx } from "./tx";

export type Principal =
  /** The admin token, or an operator's browser session: everything. */
  | { kind: "admin"; via: "token" | "session" }
  | { kind: "coordinator"; coordinationId: string }
  | { kind: "agent"; coordinationId: string; agentId: string };

export type Capability =
  /** Create a coordination (a coordinator may only `replace` its own). */
  | "coordinations:create"
  /** List coordinations (tokens of one coordination see only it). */
  | "coordinations:list"
  /** The coordination's state, its agents and their contexts. */
  | "coordination:read"
  /** One agent's context, its versions and its view: that agent, or the coordination's coordinator. */
  | "agent:read"
  /** Team status, the update log, tool definitions, live events. */
  | "team:read"
  /** Post an update (an agent only as itself). */
  | "updates:post"
  /** Everything else inside the coordination: whiteboard, tools, contexts, clearing. */
  | "coordination:write";

export interface Target {
  coordinationId?: string;
  agentId?: string;
}

/** The one table: may this principal use this capability on this target? */
export function can(p: Principal, capability: Capability, target: Target = {}): boolean {
  if (p.kind === "admin") return true;
  const own = target.coordinationId === undefined || target.coordinationId === p.coordinationId;
  if (!own) return false;
  if (p.kind === "coordinator") return true;
  switch (capability) {
    case "team:read":
    case "updates:post":
    case "coordinations:list":
      return true;
    case "agent:read":
      return target.agentId === p.agentId;
    default:
      return false;
  }
}

export function authorize(p: Principal, capability: Capability, target: Target = {}): void {
  if (!can(p, capability, target)) {
    const where = target.coordinationId ? ` on coordination '${target.coordinationId}'` : "";
    throw Forbidden(`this token may not ${describe[capability]}${where}`);
  }
}

const describe: Record<Capability, string> = {
  "coordinations:create": "create coordinations",
  "coordinations:list": "list coordinations",
  "coordination:read": "read this coordination",
  "agent:read": "read another agent's context or view",
  "team:read": "read this coordination's team status or log",
  "updates:post": "post updates",
  "coordination:write": "change this coordination",
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export interface Credentials {
  coordinator_token: string;
  agent_tokens: Record<string, string>;
}

/** Replaces a coordination's tokens with new ones (inside the caller's transaction). */
export async function issueCredentials(tx: Tx, coordinationId: string, agentIds: string[]): Promise<Credentials> {
  await tx.accessToken.deleteMany({ where: { coordinationId } });
  const coordinatorToken = newToken("hdl_c");
  const tokens = agentIds.map(() => newToken("hdl_a"));
  const hashes = [hashToken(coordinatorToken), ...tokens.map(hashToken)];
  // One statement for any number of agents (a row-by-row insert costs about a millisecond each).
  await tx.$executeRaw`
    INSERT INTO access_tokens (hash, coordination_id, kind, agent_id)
    SELECT v.hash, ${coordinationId}, CASE WHEN v.agent_id IS NULL THEN 'coordinator' ELSE 'agent' END, v.agent_id
      FROM unnest(${hashes}::text[], ${[null, ...agentIds]}::text[]) AS v(hash, agent_id)`;
  return { coordinator_token: coordinatorToken, agent_tokens: Object.fromEntries(agentIds.map((a, i) => [a, tokens[i]!])) };
}

/** New tokens for the coordinator and every current agent; the old ones stop working at once. */
export async function rotateCredentials(coordinationId: string): Promise<Credentials> {
  return changeCoordination(coordinationId, async (tx, c) => {
    const agents = await tx.agentContext.findMany({
      where: { coordinationId: c.id },
      orderBy: { position: "asc" },
      select: { agentId: true },
    });
    return { result: await issueCredentials(tx, c.id, agents.map((a) => a.agentId)), events: [] };
  });
}

// --- the admin token -------------------------------------------------------------------------

const ADMIN_KEY = "access.adminTokenHash";

/** Installed by the server at start (from HUDDLE_ADMIN_TOKEN or the generated file). */
export function setAdminToken(token: string): void {
  setSingleton(ADMIN_KEY, hashToken(token));
}

function isAdminToken(token: string): boolean {
  const expected = peekSingleton<string>(ADMIN_KEY);
  if (!expected) return false;
  return timingSafeEqual(Buffer.from(hashToken(token), "hex"), Buffer.from(expected, "hex"));
}

/** Who presents this bearer token; undefined when it is nobody's. */
export async function authenticateToken(token: string): Promise<Principal | undefined> {
  // The admin token first: it is whatever the operator configured (sign-in takes it at any
  // sane length too); the tighter filter below only spares database lookups for the tokens
  // Huddle issues, which are all of one length.
  if (token.length > 4096) return undefined;
  if (isAdminToken(token)) return { kind: "admin", via: "token" };
  if (token.length < 16 || token.length > 256) return undefined;
  const prisma = await getPrisma();
  const row = await prisma.accessToken.findUnique({
    where: { hash: hashToken(token) },
    select: { coordinationId: true, kind: true, agentId: true },
  });
  if (!row) return undefined;
  if (row.kind === "coordinator") return { kind: "coordinator", coordinationId: row.coordinationId };
  return { kind: "agent", coordinationId: row.coordinationId, agentId: row.agentId ?? "" };
}

export function bearerFrom(header: string | null | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

export const unauthorized = () =>
  Unauthorized("send a valid token: Authorization: Bearer <token> (the admin token, or one from a coordination's credentials)");

// --- operator sessions -----------------------------------------------------------------------

export const SESSION_COOKIE = "huddle_session";
export const SESSION_DAYS = 14;

/** Exchanges the admin token for a browser session token; undefined when the token is wrong. */
export async function signIn(adminToken: string): Promise<{ token: string; expiresAt: Date } | undefined> {
  if (!isAdminToken(adminToken)) return undefined;
  const token = newToken("hdl_s");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  const prisma = await getPrisma();
  await prisma.operatorSession.create({ data: { hash: hashToken(token), expiresAt } });
  // Expired sessions are of no use to anyone: sweep them on each sign-in.
  await prisma.operatorSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return { token, expiresAt };
}

export async function authenticateSession(token: string | undefined): Promise<Principal | undefined> {
  if (!token || token.length > 256) return undefined;
  const prisma = await getPrisma();
  const row = await prisma.operatorSession.findUnique({ where: { hash: hashToken(token) }, select: { expiresAt: true } });
  if (!row || row.expiresAt < new Date()) return undefined;
  return { kind: "admin", via: "session" };
}

export async function signOut(token: string | undefined): Promise<void> {
  if (!token) return;
  const prisma = await getPrisma();
  await prisma.operatorSession.deleteMany({ where: { hash: hashToken(token) } });
}

// --- acting as someone ---------------------------------------------------------------------

/** The name a change is logged under: the coordinator, or "Operator" for the admin token and sessions. */
export function actorOf(p: Principal): string {
  if (p.kind === "admin") return "Operator";
  if (p.kind === "coordinator") return "Coordinator";
  return p.agentId;
}

/**
 * Who an update is posted as. An agent posts only as itself: `agent_name` comes from its token,
 * and naming someone else is forbidden. Others must name the agent.
 */
export function postingAs(p: Principal, agentName: string | undefined): string {
  if (p.kind === "agent") {
    if (agentName !== undefined && agentName !== p.agentId) {
      throw Forbidden(`this token posts as '${p.agentId}', not as '${agentName}'`);
    }
    return p.agentId;
  }
  if (agentName === undefined) throw ValidationFailed([{ path: "agent_name", message: "is required" }]);
  return agentName;
}

/** A coordinator may re-distribute (`replace`) its own coordination; creating others takes the admin token. */
export function authorizeDistribution(p: Principal, coordinationId: string, replace: boolean): void {
  if (p.kind === "admin") return;
  if (p.kind === "coordinator" && p.coordinationId === coordinationId && replace) return;
  throw Forbidden(
    p.kind === "coordinator" && p.coordinationId === coordinationId
      ? `coordination '${coordinationId}' exists; a coordinator token may only re-distribute it with "replace": true`
      : "creating a coordination takes the admin token",
  );
}
