"use server";
// Sign-in and sign-out for operators: the admin token is exchanged for an httpOnly session
// cookie; signing out deletes the session on the server, not only the cookie.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { SESSION_COOKIE, signIn, signOut } from "@/lib/domain/access";

export interface SignInState {
  error?: string;
}

const SignInForm = z.object({
  token: z.string().trim().min(1, "Paste the admin token").max(256, "That is longer than any admin token"),
  next: z.string().optional(),
});

/** Only same-site paths: never redirect a signed-in operator to another site. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = SignInForm.safeParse({ token: form.get("token"), next: form.get("next") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid form" };
  const session = await signIn(parsed.data.token);
  if (!session) return { error: "That is not the admin token." };
  const secure = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: session.expiresAt,
  });
  redirect(safeNext(parsed.data.next));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  await signOut(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/sign-in");
}
