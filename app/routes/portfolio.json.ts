import type { LoaderFunctionArgs } from "@remix-run/node";
import { portfolioFileName } from "~/domain/portfolio";
import { portfolioJsonResume } from "~/domain/portfolio-json-resume";
import { attachment, badQuery, portfolioForRequest } from "~/utils/portfolio-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await portfolioForRequest(request);
  if (!ctx.portfolio) return badQuery(ctx.errors);
  return new Response(`${JSON.stringify(portfolioJsonResume(ctx.portfolio), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachment(portfolioFileName(ctx.portfolio, "json")),
      "Cache-Control": "private, no-store",
    },
  });
}
