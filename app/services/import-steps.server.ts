// Long import work — checking and parsing a 45 MB file, planning 20,000 tickets, the JSON of a preview — run a
// step at a time (the pure generators of app/domain/import), giving the event loop back whenever a slice has run
// for SLICE_MS. With SQLite every query is synchronous too, so without these yields one upload held every
// other request for seconds (issue 18: at most 50 ms at a time). See docs/decisions/008-import-off-the-event-loop.md.
import { performance } from "node:perf_hooks";
import type { Steps } from "~/domain/import/index";

/** The longest stretch import work runs before letting other requests in (the steps themselves are 1–5 ms). */
export const SLICE_MS = 12;

/** setImmediate, not a resolved promise: pending I/O (other requests) runs before we continue. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Yields when the current slice has run for SLICE_MS; share one across the stages of one request. */
export class Slicer {
  #start = performance.now();

  async maybeYield(): Promise<void> {
    if (performance.now() - this.#start < SLICE_MS) return;
    await yieldToEventLoop();
    this.#start = performance.now();
  }
}

/** Runs steps to the end, yielding between them as the slicer decides. */
export async function runCooperatively<T>(steps: Steps<T>, slicer = new Slicer()): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.maybeYield();
  }
}
