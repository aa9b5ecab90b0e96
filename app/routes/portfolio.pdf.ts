import type { LoaderFunctionArgs } from "@remix-run/node";
import { portfolioFileName } from "~/domain/portfolio";
import { renderPortfolioPdf } from "~/renderers/portfolio-pdf.server";
import { attachment, badQuery, portfolioForRequest } from "~/utils/portfolio-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await portfolioForRequest(request);
  if (!ctx.portfolio) return badQuery(ctx.errors);
  const { pdf } = await renderPortfolioPdf(ctx.portfolio);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachment(portfolioFileName(ctx.portfolio, "pdf")),
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
