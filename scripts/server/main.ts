// `npm start`'s server (build/server/main.js once built): the primary process prepares the database and
// keeps one worker per core running; each worker serves the app (ADR 010).
//   node build/server/main.js               migrate, load the demo into an empty database, serve
//   node build/server/main.js --no-prepare  serve only (migrations as a release step; the test harness)
import cluster from "node:cluster";

if (cluster.isPrimary) {
  const { runPrimary } = await import("./primary");
  await runPrimary({ prepare: !process.argv.includes("--no-prepare") });
} else {
  const { runWorker } = await import("./worker");
  await runWorker();
}
