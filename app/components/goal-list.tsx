import { Link, useSearchParams } from "@remix-run/react";

export const GOAL_STATUS_LABELS: Record<string, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

export interface GoalView {
  id: number;
  title: string;
  skill_key: string | null;
  skill_name: string | null;
  position_id: number | null;
  position_name: string | null;
  due_date: string | null;
  status: string;
  evidence: { id: number; title: string; resolved_at: string; status: string }[];
}

interface Props {
  goals: GoalView[];
  canWrite: boolean;
  newHref: string;
  /** YYYY-MM-DD, to flag overdue goals */
  today: string;
  own: boolean;
}

const statusClass: Record<string, string> = { open: "submitted", in_progress: "adjusted", done: "verified", dropped: "" };

const GOAL_DONE: Record<string, string> = { created: "created", saved: "saved" };

export function GoalList({ goals, canWrite, newHref, today, own }: Props) {
  // After a goal is created or saved its page returns here and names it by title (issue 16, point 9).
  const [params] = useSearchParams();
  const doneWord = GOAL_DONE[params.get("goalDone") ?? ""];
  const doneGoal = doneWord ? goals.find((g) => String(g.id) === params.get("goal")) : undefined;
  return (
    <section className="panel" aria-labelledby="goals-heading" id="goals">
      <div className="section-head">
        <h2 id="goals-heading">Development goals</h2>
        {canWrite ? (
          <Link className="button secondary" to={newHref}>
            New goal
          </Link>
        ) : null}
      </div>
      {doneGoal ? (
        <p className="notice" role="status" data-testid="goal-done">
          {`Goal “${doneGoal.title}” ${doneWord}.`}
        </p>
      ) : null}
      {goals.length === 0 ? (
        <p className="muted">{own ? "No goals yet. Set one from a gap above, or start with “New goal”." : "No goals yet."}</p>
      ) : (
        <div className="table-scroll">
          <table className="compact" data-testid="goals">
            <caption className="sr-only">
              Development goals with their skill or position, due date, status and linked evidence
            </caption>
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Develops</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Linked evidence</th>
              </tr>
            </thead>
            <tbody>
              {goals.map((g) => {
                const overdue = !!g.due_date && g.due_date < today && (g.status === "open" || g.status === "in_progress");
                return (
                  <tr key={g.id} data-goal={g.id}>
                    <th scope="row">{canWrite ? <Link to={`/goals/${g.id}`}>{g.title}</Link> : g.title}</th>
                    <td>
                      {[g.skill_name ?? g.skill_key, g.position_name ? `${g.position_name} (position)` : null]
                        .filter(Boolean)
                        .join(" · ")}
                    </td>
                    <td>
                      {g.due_date ? <time dateTime={g.due_date}>{g.due_date}</time> : <span className="muted">none</span>}
                      {overdue ? (
                        <>
                          {" "}
                          <span className="flag">overdue</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <span className={`badge ${statusClass[g.status] ?? ""}`}>{GOAL_STATUS_LABELS[g.status] ?? g.status}</span>
                    </td>
                    <td>
                      {g.evidence.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        <ul className="plain">
                          {g.evidence.map((e) => (
                            <li key={e.id}>
                              <Link to={`/evidence/${e.id}`}>{e.title}</Link>{" "}
                              <span className="muted small">{e.resolved_at.slice(0, 10)}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
