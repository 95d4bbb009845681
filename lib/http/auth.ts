// Who is calling: a bearer token (admin, coordinator or agent), or an operator's session
// cookie. The cookie counts only for reads (GET/HEAD): writes from the browser go through server
// actions, which Next protects against cross-site posts, so no route handler can be driven by
// another site riding on the cookie.
import type { NextRequest } from "next/server";
import { authenticateSession, authenticateToken, bearerFrom, SESSION_COOKIE, unauthorized, type Principal } from "../domain/access";

export async function principalFromRequest(req: NextRequest): Promise<Principal> {
  const header = req.headers.get("authorization");
  if (header) {
    const token = bearerFrom(header);
    const principal = token ? await authenticateToken(token) : undefined;
    if (!principal) throw unauthorized();
    return principal;
  }
  if (req.method === "GET" || req.method === "HEAD") {
    const principal = await authenticateSession(req.cookies.get(SESSION_COOKIE)?.value);
    if (principal) return principal;
  }
  throw unauthorized();
}
