import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PortfolioDocument, type PortfolioNotes } from "~/components/portfolio-document";
import { portfolioSearch } from "~/domain/portfolio-query";
import { parseMarkdown } from "~/utils/markdown.server";
import { portfolioForRequest } from "~/utils/portfolio-request.server";
import styles from "~/styles/portfolio.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** A print-only layout: the stylesheet hides the app's navigation here and all chrome when printing. */
export const handle = { layout: "print" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.portfolio ? `Portfolio: ${data.portfolio.person.name} · SupportPath` : "Portfolio · SupportPath" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await portfolioForRequest(request);
  const errors = Object.values(ctx.errors).filter((e): e is string => !!e);
  const back = `/portfolio?${portfolioSearch(ctx.query, ctx.user.id)}`;
  // Notes print formatted, from the same parse as the PDF.
  const notes: PortfolioNotes = {};
  for (const i of ctx.portfolio?.skills.flatMap((s) => s.evidence) ?? []) if (i.notes) notes[i.id] = parseMarkdown(i.notes);
  return json(
    { portfolio: ctx.portfolio, errors, back, notes },
    { status: ctx.portfolio ? 200 : 400, headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function PortfolioPrint() {
  const { portfolio, errors, back, notes } = useLoaderData<typeof loader>();
  return (
    <div className="pf-print">
      <nav className="pf-toolbar no-print" aria-label="Portfolio">
        <Link to={back}>← Back to the portfolio options</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
        <span className="muted">
          Use your browser's Print command (Ctrl+P or ⌘P) to print or save as PDF; navigation is left out of the printout.
        </span>
      </nav>
      {portfolio ? (
        <PortfolioDocument p={portfolio} notes={notes} />
      ) : (
        <>
          <h1>The portfolio could not be made</h1>
          <ul className="alert" role="alert">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
