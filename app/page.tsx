import { connection } from "next/server";
import { requireOperator } from "@/lib/http/operator";
import { listCoordinations } from "@/lib/domain/coordinations";
import { toCoordinationDto } from "@/lib/schemas/coordinations";
import { CoordinationList } from "@/components/coordinations/CoordinationList";

export default async function HomePage() {
  await connection();
  await requireOperator("/");
  // The first page is rendered with data; the browser keeps it fresh through the API.
  const page = await listCoordinations({ limit: 200 });
  return (
    <section aria-labelledby="coordinations-heading" className="space-y-4">
      <div>
        <h1 id="coordinations-heading" className="text-2xl font-semibold tracking-tight">
          Coordinations
        </h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">Every agent team, most recently active first.</p>
      </div>
      <CoordinationList initial={{ coordinations: page.coordinations.map(toCoordinationDto), next_cursor: page.nextCursor }} />
    </section>
  );
}
