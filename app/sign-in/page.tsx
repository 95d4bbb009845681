import type { Metadata } from "next";
import { SignInForm } from "@/components/access/SignInForm";

export const metadata: Metadata = { title: "Sign in · Huddle" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <section className="mx-auto mt-16 max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Sign in to Huddle</h1>
        <p className="text-sm text-slate-500">Operators sign in with the admin token.</p>
      </div>
      <SignInForm next={next} />
    </section>
  );
}
