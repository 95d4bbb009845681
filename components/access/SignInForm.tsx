"use client";
import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/sign-in/actions";

export function SignInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="next" value={next ?? "/"} />
      <div className="space-y-1">
        <label htmlFor="token" className="block text-sm font-medium">
          Admin token
        </label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "token-error" : "token-help"}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 dark:border-slate-700 dark:bg-slate-900"
        />
        {state.error ? (
          <p id="token-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
            {state.error}
          </p>
        ) : (
          <p id="token-help" className="text-sm text-slate-500">
            HUDDLE_ADMIN_TOKEN, or the token Huddle printed on its first start (kept in .data/admin-token).
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
