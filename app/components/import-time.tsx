/** An ISO instant as "YYYY-MM-DD HH:MM UTC" (the same on the server and in the browser). */
export function ImportTime({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">—</span>;
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
}
