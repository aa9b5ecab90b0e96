import { getDb } from "~/db.server";

// Liveness plus a database round trip, for process managers and the test server.
export async function loader() {
  await getDb().selectFrom("skills").select("key").limit(1).execute();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
