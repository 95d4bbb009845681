// First-render data for the coordination pages (server only). The browser refetches the same
// shapes through the API afterwards; these just let the first paint show real data and a real 404.
import { getCoordination } from "@/lib/domain/coordinations";
import { getAgentContext } from "@/lib/domain/contexts";
import { isHuddleError } from "@/lib/domain/errors";
import { Id } from "@/lib/schemas/common";
import { toCoordinationDto } from "@/lib/schemas/coordinations";

/** Null when missing (notFound() must be called outside a catch). */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (isHuddleError(e) && e.code === "not_found") return null;
    throw e;
  }
}

const param = (raw: string) => {
  const v = decodeURIComponent(raw);
  return Id.safeParse(v).success ? v : null;
};

export async function loadCoordination(rawCid: string) {
  const cid = param(rawCid);
  if (!cid) return null;
  return orNull(async () => toCoordinationDto(await getCoordination(cid)));
}

export async function loadAgentContext(cid: string, rawAid: string) {
  const aid = param(rawAid);
  if (!aid) return null;
  return orNull(async () => (await getAgentContext(cid, aid)).context);
}
