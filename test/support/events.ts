// The structured security events (app/utils/log.server.ts) a piece of a test writes: they go to stdout as
// one JSON object per line, which is where a log shipper reads them.
import { vi } from "vitest";

/** The JSON event lines written to stdout while `fn` runs. */
export async function eventsDuring(fn: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (text.startsWith('{"event"')) lines.push(...text.trim().split("\n"));
    else return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    return true;
  }) as typeof process.stdout.write);
  try {
    await fn();
  } finally {
    vi.restoreAllMocks();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}
