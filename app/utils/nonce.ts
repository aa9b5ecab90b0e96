// The CSP nonce of the document being rendered (app/entry.server.tsx provides it; app/root.tsx gives it to
// Remix's inline scripts). In the browser there is none: the scripts are already there, and browsers hide a
// nonce attribute's value from the page, so hydration sees "" on both sides.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");

export function useNonce(): string {
  return useContext(NonceContext);
}
