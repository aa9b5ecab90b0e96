import type { PageVersion } from "~/schemas/version";

/**
 * The hidden version of the row a form edits (ADR 017). `value`, not `defaultValue`: after a refused save
 * the page's data is reloaded and the form then carries the current version, so saving again applies the
 * entries still in the form knowingly, over the changes the refusal listed.
 */
export function VersionFields({ page }: { page: PageVersion | null | undefined }) {
  if (!page) return null;
  return (
    <>
      <input type="hidden" name="version" value={page.version} />
      <input type="hidden" name="base" value={page.base ?? ""} />
    </>
  );
}
