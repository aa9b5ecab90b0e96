import type { MdBlock } from "~/domain/markdown-doc";
import { type Portfolio, type PortfolioItem, formatMinutes, itemFacts } from "~/domain/portfolio";
import { MarkdownBlocks } from "./markdown-blocks";
import { PortfolioRadar } from "./portfolio-radar";
import { PortfolioSkillsTable } from "./portfolio-skills-table";

// Everything here is rendered as text by React (escaped); notes are formatted from their parse (as in the
// PDF), never injected as HTML.

/** Parsed notes by item id (parseMarkdown in the loader). */
export type PortfolioNotes = Record<number, MdBlock[]>;

function Item({
  item,
  withReasons,
  extra,
  notes,
}: {
  item: PortfolioItem;
  withReasons: boolean;
  extra?: string;
  notes?: MdBlock[];
}) {
  return (
    <li className="pf-item">
      <p className="pf-item-title">
        <strong>{item.title}</strong>{" "}
        <span className={`badge ${item.verified ? "verified" : "submitted"}`}>
          {item.verified ? "Verified" : "Self-reported"}
        </span>
      </p>
      <p className="pf-facts">
        {itemFacts(item)}
        {item.verified && item.verifierName ? ` · verified by ${item.verifierName}` : ""}
        {extra ? ` · ${extra}` : ""}
      </p>
      {withReasons && item.reasons.length ? <p className="pf-reasons">Counts because: {item.reasons.join("; ")}</p> : null}
      {item.endorsements.length ? (
        <ul className="pf-endorsements">
          {item.endorsements.map((e, n) => (
            <li key={n}>
              Endorsed by {e.name}
              {e.comment.trim() ? <>: “{e.comment}”</> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {withReasons && item.notes ? (
        notes ? (
          <MarkdownBlocks blocks={notes} className="markdown pf-notes" />
        ) : (
          <p className="pf-notes">{item.notes}</p>
        )
      ) : null}
    </li>
  );
}

function HighlightList({
  id,
  title,
  summary,
  items,
  extra,
}: {
  id: string;
  title: string;
  summary: string;
  items: PortfolioItem[];
  extra?: (i: PortfolioItem) => string;
}) {
  return (
    <section aria-labelledby={id} className="pf-block">
      <h3 id={id}>{title}</h3>
      <p className="muted">{summary}</p>
      {items.length ? (
        <ul className="pf-items">
          {items.map((i) => (
            <Item key={i.id} item={{ ...i, endorsements: [] }} withReasons={false} extra={extra?.(i)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function PortfolioDocument({ p, notes = {} }: { p: Portfolio; notes?: PortfolioNotes }) {
  const h = p.highlights;
  return (
    <article className="pf-doc" aria-labelledby="pf-name">
      <header className="pf-header">
        <p className="pf-eyebrow">Promotion portfolio</p>
        <h1 id="pf-name">{p.person.name}</h1>
        <p className="pf-lead">
          {p.current?.name ?? "No current position"} → {p.target?.name ?? "no target position"}
        </p>
        <p className="pf-meta">
          {[
            p.person.team ? `Team: ${p.person.team}` : null,
            p.person.manager ? `Manager: ${p.person.manager}` : null,
            `Period: ${p.period.from} to ${p.period.to}`,
            `Generated ${p.generatedAt.slice(0, 10)}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </header>

      <section aria-labelledby="pf-readiness" className="pf-block">
        <h2 id="pf-readiness">Readiness and gaps</h2>
        {p.readiness && p.target ? (
          <p className="pf-figure">
            <span className={p.readiness.met ? "pf-percent met" : "pf-percent"}>{p.readiness.percent}%</span> ready for{" "}
            {p.target.name}
          </p>
        ) : null}
        <p>{p.gapStatement}</p>
        <p className="muted">
          {plural(p.totals.items, "item")} of evidence in the period, {p.totals.verified} verified by a manager,{" "}
          {plural(p.totals.endorsements, "endorsement")} from colleagues.
        </p>
        <PortfolioRadar data={p.radar} targetName={p.target?.name ?? null} id="pf-radar-chart" />
      </section>

      <section aria-labelledby="pf-skills" className="pf-block">
        <h2 id="pf-skills">Skills the target position requires</h2>
        <PortfolioSkillsTable skills={p.skills} withCodes />
      </section>

      <section aria-labelledby="pf-evidence" className="pf-block">
        <h2 id="pf-evidence">Evidence by skill</h2>
        <p className="muted">
          Strongest first: verified items before self-reported ones, then by the points they add to the skill.
        </p>
        {p.skills.map((s) => (
          <section key={s.key} aria-labelledby={`pf-skill-${s.key}`} className="pf-skill">
            <h3 id={`pf-skill-${s.key}`}>{s.name}</h3>
            <p className={s.met ? "pf-standing met" : "pf-standing"}>
              Level {s.levelName} · required {s.requiredName} ·{" "}
              {s.met ? "meets the requirement" : `${plural(s.required - s.level, "level")} short`} · score {s.score} ·{" "}
              {plural(s.itemCount, "item")} ({s.verifiedCount} verified) · {plural(s.endorsementCount, "endorsement")}
            </p>
            {s.evidence.length ? (
              <ol className="pf-items">
                {s.evidence.map((i) => (
                  <Item key={i.id} item={i} withReasons notes={notes[i.id]} />
                ))}
              </ol>
            ) : (
              <p className="muted">No evidence for this skill in the period.</p>
            )}
            {s.moreCount > 0 ? <p className="muted">And {plural(s.moreCount, "more item")} (see all evidence below).</p> : null}
          </section>
        ))}
      </section>

      <section aria-labelledby="pf-highlights" className="pf-block">
        <h2 id="pf-highlights">Highlights</h2>
        <HighlightList
          id="pf-major"
          title="Major incidents (P1/P2)"
          summary={
            h.majorIncidents.total
              ? `${plural(h.majorIncidents.total, "major incident")} in the period.`
              : "No major incidents in the period."
          }
          items={h.majorIncidents.items}
        />
        <HighlightList
          id="pf-drills"
          title="DR drills"
          summary={h.drDrills.total ? `${plural(h.drDrills.total, "DR drill")} in the period.` : "No DR drills in the period."}
          items={h.drDrills.items}
        />
        <HighlightList
          id="pf-after-hours"
          title="After-hours work"
          summary={
            h.afterHours.total
              ? `${plural(h.afterHours.total, "item")} handled after hours, ${formatMinutes(h.afterHours.minutes)} in all.`
              : "No after-hours work in the period."
          }
          items={h.afterHours.items}
          extra={(i) => `${formatMinutes(i.afterHoursMinutes)} after hours`}
        />
      </section>

      {p.nextSteps.length ? (
        <section aria-labelledby="pf-next" className="pf-block">
          <h2 id="pf-next">Next steps</h2>
          <dl className="pf-next">
            {p.nextSteps.map((s) => (
              <div key={s.skill}>
                <dt>{s.name}</dt>
                {s.steps.map((step, n) => (
                  <dd key={n}>{step}</dd>
                ))}
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="pf-all" className="pf-block pf-appendix">
        <h2 id="pf-all">All evidence in the period ({p.evidence.length})</h2>
        {p.evidence.length ? (
          <table className="pf-table pf-compact">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Reference</th>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {p.evidence.map((i) => (
                <tr key={i.id}>
                  <td className="pf-nowrap">{i.date}</td>
                  <td>{i.ref ?? "–"}</td>
                  <td>{i.title}</td>
                  <td>{i.kindName}</td>
                  <td>{i.verified ? "Verified" : "Self-reported"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">None.</p>
        )}
      </section>
    </article>
  );
}
