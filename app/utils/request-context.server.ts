// What the app knows about the request being answered, for code that is handed only the Request (the
// permission checks in app/auth/session.server.ts log refusals with the client's address). Set by the app's
// request handler (app/entry.server.tsx `secureRequestHandler`) for the duration of one request: nothing
// outlives the request, so several instances stay correct.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestInfo {
  address: string;
  https: boolean;
  method: string;
  path: string;
}

export const requestInfo = new AsyncLocalStorage<RequestInfo>();

/** The request being answered, or undefined outside one. */
export function currentRequest(): RequestInfo | undefined {
  return requestInfo.getStore();
}
