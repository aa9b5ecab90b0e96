// A chart with nothing to draw: a sentence saying why and, where the viewer can do something about it, the
// action that fills it (issue 16, point 7), in place of empty axes.
import { Link } from "@remix-run/react";

export interface EmptyChart {
  sentence: string;
  action?: { href: string; label: string } | null;
}

export function ChartEmpty({ id, sentence, action }: EmptyChart & { id: string }) {
  return (
    <p className="chart-empty" id={id} data-testid="chart-empty">
      {sentence}
      {action ? (
        <>
          {" "}
          <Link to={action.href}>{action.label}</Link>
        </>
      ) : null}
    </p>
  );
}
