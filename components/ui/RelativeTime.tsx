"use client";
import { useNow } from "@/lib/hooks/useNow";

function relative(ms: number) {
  const s = Math.round(ms / 1000);
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} d ago`;
}

/** "3 min ago", with the exact UTC time as its tooltip; the same absolute text before hydration. */
export function RelativeTime({ iso, className }: { iso: string | null | undefined; className?: string }) {
  const now = useNow();
  if (!iso) return <span className={className}>—</span>;
  const exact = iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  const text = now === null ? exact : relative(Math.max(0, now - new Date(iso).getTime()));
  return (
    <time dateTime={iso} title={exact} className={className}>
      {text}
    </time>
  );
}
