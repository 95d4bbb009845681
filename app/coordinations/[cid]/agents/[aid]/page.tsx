import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireOperator } from "@/lib/http/operator";
import { loadAgentContext, loadCoordination } from "../../load";
import { Inspector } from "@/components/inspector/Inspector";

type Params = { params: Promise<{ cid: string; aid: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { cid, aid } = await params;
  return { title: `${decodeURIComponent(aid)} · ${decodeURIComponent(cid)}` };
}

export default async function InspectorPage({ params }: Params) {
  await connection();
  const { cid, aid } = await params;
  await requireOperator(`/coordinations/${cid}/agents/${aid}`);
  const coordination = await loadCoordination(cid);
  if (!coordination) notFound();
  const context = await loadAgentContext(coordination.coordination_id, aid);
  if (!context) notFound();
  return (
    <Inspector
      cid={coordination.coordination_id}
      aid={context.coordination_metadata.agent_id}
      initialCoordination={coordination}
      initialContext={context}
    />
  );
}
