// The personal data download's file name (pure).
import { slug } from "./portfolio";

/** "supportpath-data-aisha-khan-2026-12-02.json"; the UTF-8 name keeps non-Latin names as they are. */
export function personalDataFileName(name: string, id: number, now: Date): { ascii: string; unicode: string } {
  const day = now.toISOString().slice(0, 10);
  const ascii = slug(name) || `person-${id}`;
  const unicode =
    name
      .normalize("NFC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || ascii;
  return { ascii: `supportpath-data-${ascii}-${day}.json`, unicode: `supportpath-data-${unicode}-${day}.json` };
}
