import type { LoaderFunctionArgs } from "@remix-run/node";
import { portfolioFileName } from "~/domain/portfolio";
import { portfolioMarkdown } from "~/domain/portfolio-markdown";
import { parseMarkdown } from "~/utils/markdown.server";
import { attachment, badQuery, portfolioForRequest } from "~/utils/portfolio-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await portfolioForRequest(request);
  if (!ctx.portfolio) return badQuery(ctx.errors);
  return new Response(portfolioMarkdown(ctx.portfolio, parseMarkdown), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": attachment(portfolioFileName(ctx.portfolio, "md")),
      "Cache-Control": "private, no-store",
    },
  });
}
