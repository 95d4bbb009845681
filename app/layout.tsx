import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { QueryProvider } from "@/components/providers/QueryProvider";
import { ThemeToggle } from "@/components/ui/ThemeToggle";
import { THEME_SCRIPT } from "@/lib/hooks/theme-key";
import { headers } from "next/headers";
import { currentOperator } from "@/lib/http/operator";
import { signOutAction } from "./sign-in/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Huddle", template: "%s · Huddle" },
  description: "The shared whiteboard and context hub for teams of AI agents",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The nonce of this request's CSP (proxy.ts), for our one inline script.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const signedIn = Boolean(await currentOperator());
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Our own constant: applies the stored theme before the first paint. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <QueryProvider>
          <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/85 backdrop-blur dark:border-slate-800 dark:bg-slate-900/85">
            <nav className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2.5" aria-label="Main">
              <Link href="/" className="flex items-center gap-2 text-base font-semibold tracking-tight">
                <svg aria-hidden viewBox="0 0 32 32" className="size-6">
                  <rect width="32" height="32" rx="8" className="fill-indigo-600" />
                  <circle cx="11" cy="13" r="4" fill="#fff" />
                  <circle cx="21" cy="13" r="4" fill="#c7d2fe" />
                  <path d="M5 25c1.5-4 4-6 6-6s4.5 2 6 6M15 25c1.5-4 4-6 6-6s4.5 2 6 6" stroke="#fff" strokeWidth="2" fill="none" />
                </svg>
                Huddle
              </Link>
              <Link href="/" className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
                Coordinations
              </Link>
              <div className="ml-auto flex items-center gap-3">
                <ThemeToggle />
                {signedIn ? (
                  <form action={signOutAction}>
                    <button
                      type="submit"
                      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:text-slate-900 focus:outline-none focus:ring-2 focus:ring-indigo-500 dark:text-slate-300 dark:hover:text-white"
                    >
                      Sign out
                    </button>
                  </form>
                ) : null}
              </div>
            </nav>
          </header>
          <main id="main" className="mx-auto max-w-7xl px-4 py-6">
            {children}
          </main>
        </QueryProvider>
      </body>
    </html>
  );
}
