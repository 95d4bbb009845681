import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireOperator } from "@/lib/http/operator";
import { loadCoordination } from "./load";
import { Whiteboard } from "@/components/whiteboard/Whiteboard";

type Params = { params: Promise<{ cid: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: decodeURIComponent((await params).cid) };
}

export default async function WhiteboardPage({ params }: Params) {
  await connection();
  const { cid } = await params;
  await requireOperator(`/coordinations/${cid}`);
  const coordination = await loadCoordination(cid);
  if (!coordination) notFound();
  return <Whiteboard cid={coordination.coordination_id} initial={coordination} />;
}
