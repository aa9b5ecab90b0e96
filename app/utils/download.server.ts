// Downloads built in chunks (the organisation export): streamed out one chunk at a time, each dropped
// once sent, so the response holds no second copy of the text.
export function streamChunks(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
}

/** A Content-Disposition that names the file, in ASCII and (RFC 6266) in UTF-8. */
export function attachment(names: { ascii: string; unicode: string }): string {
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.unicode)}`;
}

export const DOWNLOAD_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" };
