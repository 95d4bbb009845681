// Any /api path no route serves: API.md's 404 body for every method (Next would answer some,
// such as a multipart POST, with a bare 500 as if it were a server action).
import { json } from "@/lib/http/route";

const notFound = async () =>
  json({ error: { code: "not_found", message: "no such endpoint; the API is under /api/v1 (see API.md)" } }, { status: 404 });

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
