import { connection } from "next/server";
import { listCoordinations } from "@/lib/domain/coordinations";
import { toCoordinationDto } from "@/lib/schemas/coordinations";
import { CoordinationList } from "@/components/coordinations/CoordinationList";

export default async function HomePage() {
  await connection();
  const { coordinations } = await listCoordinations({ limit: 200 });
  return (
    <section aria-labelledby="coordinations-heading" className="space-y-4">
      <h1 id="coordinations-heading" className="text-2xl font-semibold">
        Coordinations
      </h1>
      <CoordinationList initial={coordinations.map(toCoordinationDto)} />
    </section>
  );
}
