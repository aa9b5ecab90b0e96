// `export-portfolio`: one person's portfolio as /portfolio.pdf, .md and .json give it (issue 17, point 5):
// the same loader (loadPortfolio), the same query rules (parsePortfolioQuery) and the same renderers.
import fs from "node:fs";
import path from "node:path";
import { now as clockNow } from "../app/clock.server";
import type { DB } from "../app/db.server";
import { portfolioJsonResume } from "../app/domain/portfolio-json-resume";
import { portfolioMarkdown } from "../app/domain/portfolio-markdown";
import { parsePortfolioQuery } from "../app/domain/portfolio-query";
import type { Portfolio } from "../app/domain/portfolio";
import type { PositionDef } from "../app/domain/types";
import { listPositionsWithRequirements } from "../app/models/catalog.server";
import { findPersonByEmail } from "../app/models/people.server";
import { renderPortfolioPdf } from "../app/renderers/portfolio-pdf.server";
import { loadPortfolio } from "../app/services/portfolio.server";
import { parseMarkdown } from "../app/utils/markdown.server";
import { type Handler, fail, parse, refuse, writeNewPrivateFile } from "./cli-shared";

export const PORTFOLIO_HELP = `  export-portfolio --email E --format pdf|md|json --out FILE [--target POSITION]
                  [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                  Writes one person's portfolio to FILE (new, mode 0600) as /portfolio downloads it: PDF,
                  Markdown, or JSON Resume with the SupportPath extension. --target: the position to
                  measure against, by name, key or id (default: the next one up the ladder); --from/--to:
                  the period (default: the last 24 months). Exit 1: unknown email or position (the
                  positions are listed).`;

const FORMATS = {
  pdf: async (p: Portfolio) => (await renderPortfolioPdf(p)).pdf,
  md: async (p: Portfolio) => portfolioMarkdown(p, parseMarkdown),
  json: async (p: Portfolio) => `${JSON.stringify(portfolioJsonResume(p), null, 2)}\n`,
} as const;
type Format = keyof typeof FORMATS;
const isFormat = (f: string): f is Format => Object.hasOwn(FORMATS, f);

/** A position as the web's ?target names it (its id), or by its name or key as a person would type it. */
function findPosition(positions: PositionDef[], wanted: string): PositionDef | undefined {
  const w = wanted.trim().toLowerCase();
  return (
    positions.find((p) => String(p.id) === w) ??
    positions.find((p) => p.name.toLowerCase() === w) ??
    positions.find((p) => p.key.toLowerCase() === w)
  );
}

export const exportPortfolio: Handler = async (args, db: DB, io) => {
  const v = parse(args, {
    email: { type: "string" },
    target: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
  });
  if (!v.email || !v.format || !v.out) return fail(io, "export-portfolio needs --email, --format and --out");
  const format = String(v.format).toLowerCase();
  if (!isFormat(format)) return fail(io, `--format must be pdf, md or json, not "${v.format}"`);
  const file = path.resolve(String(v.out));
  if (fs.existsSync(file)) return fail(io, `${file} already exists; choose a new file`);
  const now = clockNow();

  const person = await findPersonByEmail(db, String(v.email));
  if (!person) return refuse(io, `no person with email ${v.email}`);
  let targetId: number | null = null;
  if (v.target !== undefined) {
    const positions = await listPositionsWithRequirements(db);
    const target = findPosition(positions, String(v.target));
    if (!target) {
      io.err(`error: no position "${v.target}". The positions are:`);
      for (const p of positions) io.err(`  ${p.name} (key ${p.key}, id ${p.id})`);
      return 1;
    }
    targetId = target.id;
  }
  // The period by the download's own rules (dates as YYYY-MM-DD, the end not before the start).
  const query = new URLSearchParams();
  if (v.from !== undefined) query.set("from", String(v.from));
  if (v.to !== undefined) query.set("to", String(v.to));
  const parsed = parsePortfolioQuery(query, now);
  if (!parsed.ok) {
    for (const [field, message] of Object.entries(parsed.errors)) io.err(`error: --${field}: ${message}`);
    return 2;
  }

  const loaded = await loadPortfolio(db, { personId: person.id, targetId, period: parsed.value.period }, now);
  if (!loaded) return refuse(io, `no person with email ${v.email}`);
  if (!loaded.ok) return refuse(io, Object.values(loaded.errors).join("; "));
  const body = await FORMATS[format](loaded.portfolio);
  try {
    writeNewPrivateFile(file, body);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return fail(io, `${file} already exists; choose a new file`);
    return refuse(io, `cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const p = loaded.portfolio;
  io.out(
    `Wrote the portfolio of ${p.person.name}${p.target ? ` towards ${p.target.name}` : ""}, ${p.period.from} to ${p.period.to}, to ${file} (${format}, ${fs.statSync(file).size} bytes).`,
  );
  return 0;
};
