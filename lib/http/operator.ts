// The signed-in operator of a page or server action (Next's request cookies).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authenticateSession, SESSION_COOKIE, type Principal } from "../domain/access";

/** The operator's principal; undefined when this browser has no valid session. */
export async function currentOperator(): Promise<Principal | undefined> {
  const jar = await cookies();
  return authenticateSession(jar.get(SESSION_COOKIE)?.value);
}

/** For pages: the operator, or a redirect to the sign-in page that comes back to `path`. */
export async function requireOperator(path: string): Promise<Principal> {
  const operator = await currentOperator();
  if (!operator) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return operator;
}
