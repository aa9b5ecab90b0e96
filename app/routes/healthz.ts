import { getDb } from "~/db.server";
import { pingDatabase } from "~/models/health.server";

// Liveness plus a database round trip, for process managers and the test server.
export async function loader() {
  await pingDatabase(getDb());
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
