"use client";

export default function CoordinationError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-rose-200 bg-rose-50 p-8 text-center dark:border-rose-900 dark:bg-rose-950">
      <h1 className="text-xl font-semibold text-rose-900 dark:text-rose-100">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-rose-800 dark:text-rose-200">
        Huddle had a problem on its side{error.digest ? ` (reference ${error.digest})` : ""}. Try again in a moment.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-500"
      >
        Try again
      </button>
    </div>
  );
}
