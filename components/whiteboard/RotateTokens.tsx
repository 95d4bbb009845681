"use client";
import { useState, useTransition } from "react";
import { rotateTokensAction } from "@/app/coordinations/[cid]/actions";
import type { Credentials } from "@/lib/domain/access";
import { buttonClass } from "@/components/ui/primitives";

/** Rotates a coordination's tokens and shows the new ones once. */
export function RotateTokens({ cid }: { cid: string }) {
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();

  const rotate = () =>
    start(async () => {
      setError(null);
      const result = await rotateTokensAction({ cid }, undefined);
      setConfirming(false);
      if (result.ok) setCredentials(result.data);
      else setError(result.error.message);
    });

  return (
    <div className="text-sm">
      {!confirming ? (
        <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setConfirming(true)}>
          Rotate tokens
        </button>
      ) : (
        <div role="group" aria-label="Confirm token rotation" className="flex items-center gap-2">
          <span>Every agent will need its new token.</span>
          <button type="button" className={buttonClass("danger", "sm")} disabled={pending} onClick={rotate}>
            {pending ? "Rotating…" : "Rotate now"}
          </button>
          <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {credentials && (
        <div role="region" aria-label="New tokens" className="mt-3 max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="font-medium">New tokens, shown once. Copy them now; the old ones no longer work.</p>
          <dl className="mt-2 space-y-1 font-mono text-xs">
            <div>
              <dt className="inline font-semibold">coordinator: </dt>
              <dd className="inline break-all">{credentials.coordinator_token}</dd>
            </div>
            {Object.entries(credentials.agent_tokens).map(([agent, token]) => (
              <div key={agent}>
                <dt className="inline font-semibold">{agent}: </dt>
                <dd className="inline break-all">{token}</dd>
              </div>
            ))}
          </dl>
          <button type="button" className={`${buttonClass("ghost", "sm")} mt-2`} onClick={() => setCredentials(null)}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
