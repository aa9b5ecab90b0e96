import { Link } from "@remix-run/react";
import { TOIL_CAP, type ToilQuarter } from "~/domain/on-call-health";
import { formatClockTime, type WorkingTime } from "~/domain/working-time";

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "Monday–Friday", "Monday, Wednesday and Friday", "every day", "no day". */
export function daysText(days: readonly number[]): string {
  if (days.length === 7) return "every day";
  if (days.length === 0) return "no day";
  const sorted = [...days].sort((a, b) => a - b);
  const run = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  const names = sorted.map((d) => DAY_NAMES[d - 1]!);
  if (run && names.length > 2) return `${names[0]}–${names.at(-1)}`;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Which zone and hours the figures were read in: a reader checks them against their own week. */
export function WorkingTimeSentence({ workingTime: wt, own }: { workingTime: WorkingTime; own: boolean }) {
  return (
    <p className="muted">
      {`Read in ${wt.zone}, working ${daysText(wt.days)} ${formatClockTime(wt.start)}–${formatClockTime(wt.end)}. `}
      {own ? <Link to="/profile#working-time">Change where and when you work</Link> : null}
    </p>
  );
}

export function ToilTable({ toil, caption }: { toil: ToilQuarter[]; caption: string }) {
  if (toil.length === 0) return <p>No reactive or improvement work logged in these months.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="compact">
        <caption>{`${caption}; the cap is ${TOIL_CAP * 100} %`}</caption>
        <thead>
          <tr>
            <th scope="col">Quarter</th>
            <th scope="col" className="num">
              Reactive
            </th>
            <th scope="col" className="num">
              Improvement
            </th>
            <th scope="col" className="num">
              Toil
            </th>
          </tr>
        </thead>
        <tbody>
          {toil.map((q) => (
            <tr key={q.quarter}>
              <th scope="row">{q.quarter}</th>
              <td className="num">{q.reactive}</td>
              <td className="num">{q.improvement}</td>
              <td className={`num${q.overCap ? " over" : ""}`}>
                {q.ratio === null ? "—" : `${Math.round(q.ratio * 100)} %`}
                {q.overCap ? <span className="flag"> over the cap</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
