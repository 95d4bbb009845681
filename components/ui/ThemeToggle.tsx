"use client";
import { useTheme, type ThemeChoice } from "@/lib/hooks/useTheme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<ThemeChoice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const ICON: Record<ThemeChoice, string> = {
  system: "M3 4h14v9H3zM7 16h6",
  light: "M10 6a4 4 0 1 0 0 8 4 4 0 0 0 0-8ZM10 1v2M10 17v2M1 10h2M17 10h2M3.6 3.6 5 5M15 15l1.4 1.4M3.6 16.4 5 15M15 5l1.4-1.4",
  dark: "M16 12.5A7 7 0 0 1 7.5 4a7 7 0 1 0 8.5 8.5Z",
};

export function ThemeToggle() {
  const { choice, setChoice } = useTheme();
  return (
    <button
      type="button"
      onClick={() => setChoice(NEXT[choice])}
      title={`${LABEL[choice]} (click for ${LABEL[NEXT[choice]].toLowerCase()})`}
      aria-label={`${LABEL[choice]}; switch to ${LABEL[NEXT[choice]].toLowerCase()}`}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-none stroke-current" strokeWidth="1.6" strokeLinecap="round">
        <path d={ICON[choice]} />
      </svg>
      <span className="hidden sm:inline">{LABEL[choice].replace(" theme", "")}</span>
    </button>
  );
}
