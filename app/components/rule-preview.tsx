// The preview of a mapping-rule edit (issue 16, point 5): how many items and points change per skill,
// and the "Apply" button that saves the values previewed. The button and the key belong to the rule's
// form (the `form` attribute), so the form's fields are what is applied; a field changed since the
// preview gives a fresh preview instead of a save.
import type { RulePreview } from "~/domain/rule-preview";
import { formatPoints } from "~/domain/mapping";
import { SubmitButton } from "./submit-button";

const items = (n: number) => `${n} item${n === 1 ? "" : "s"}`;

export function RulePreviewPanel({
  formId,
  preview,
  previewKey,
  changedSincePreview,
  skillNames,
}: {
  formId: string;
  preview: RulePreview;
  previewKey: string;
  changedSincePreview: boolean;
  skillNames: Record<string, string>;
}) {
  return (
    <section className="rule-preview" aria-labelledby="rule-preview-title">
      <h3 id="rule-preview-title">Preview: what saving changes</h3>
      {changedSincePreview ? (
        <p className="alert" role="alert">
          The rule was changed after the last preview: this is the preview of the values in the form now.
        </p>
      ) : null}
      <p role="status">
        {preview.itemsAffected === 0
          ? `No item's points change (${items(preview.itemsTotal)} checked).`
          : `${items(preview.itemsAffected)} of ${preview.itemsTotal} change their points.`}
      </p>
      {preview.skills.length ? (
        <div className="table-scroll">
          <table>
            <caption>Points this rule gives per skill to the items that change, now and after the change</caption>
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Items</th>
                <th scope="col">Points now</th>
                <th scope="col">After</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {preview.skills.map((s) => (
                <tr key={s.skill}>
                  <th scope="row">{skillNames[s.skill] ?? s.skill}</th>
                  <td>{s.items}</td>
                  <td>{s.before}</td>
                  <td>{s.after}</td>
                  <td>{formatPoints(Math.round((s.after - s.before) * 100) / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <input type="hidden" form={formId} name="previewed" value={previewKey} />
      <div className="actions">
        <SubmitButton form={formId} name="apply" value="yes" pendingLabel="Applying…">
          Apply: save the rule
        </SubmitButton>
      </div>
    </section>
  );
}
