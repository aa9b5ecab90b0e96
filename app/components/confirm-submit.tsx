// A submit button whose consequences are confirmed first (issue 16, point 5). With JavaScript, pressing it
// opens a real <dialog>; "Yes" marks the form confirmed and submits it with this button as the submitter,
// so the form's other fields go with it. Without JavaScript the button submits unconfirmed; the command
// refuses that (422, nothing written) and the form comes back in its confirm step: the same consequence,
// the values kept, and a "Yes" button that posts confirm=yes.
import { useLocation } from "@remix-run/react";
import { type MouseEvent, useRef } from "react";
import { SubmitButton } from "./submit-button";

interface Props {
  /** the submitter's name and value (the form's intent) */
  name: string;
  value: string;
  label: string;
  pendingLabel: string;
  /** the question and what will happen, said in the dialog and in the confirm step */
  title: string;
  consequence: string;
  confirmLabel: string;
  danger?: boolean;
  /** the server asked for the confirmation: show the confirm step (no JavaScript, or a dialog that could not open) */
  asked: boolean;
}

export function ConfirmSubmit(p: Props) {
  const { pathname } = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLInputElement>(null);
  const id = `confirm-${p.value}`;
  const className = p.danger ? "danger" : undefined;

  if (p.asked)
    return (
      <div className="confirm-step" role="region" aria-labelledby={`${id}-title`}>
        <input type="hidden" name="confirm" value="yes" />
        <h3 id={`${id}-title`} className="form-title">
          {p.title}
        </h3>
        <p>{p.consequence}</p>
        <div className="actions">
          <SubmitButton name={p.name} value={p.value} className={className} pendingLabel={p.pendingLabel}>
            {p.confirmLabel}
          </SubmitButton>
          <a href={pathname} className="button secondary">
            Cancel
          </a>
        </div>
      </div>
    );

  const open = (e: MouseEvent<HTMLButtonElement>) => {
    const d = dialog.current;
    if (!d || typeof d.showModal !== "function" || confirm.current?.value === "yes") return;
    e.preventDefault();
    d.showModal();
  };
  const yes = () => {
    const input = confirm.current;
    if (input) input.value = "yes";
    dialog.current?.close();
    // The submission's data is read while requestSubmit runs: the next press asks again.
    trigger.current?.form?.requestSubmit(trigger.current);
    if (input) input.value = "";
  };
  return (
    <>
      <input ref={confirm} type="hidden" name="confirm" defaultValue="" />
      <SubmitButton
        ref={trigger}
        name={p.name}
        value={p.value}
        className={className}
        pendingLabel={p.pendingLabel}
        onClick={open}
      >
        {p.label}
      </SubmitButton>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-dialog-title`}>
        <h3 id={`${id}-dialog-title`}>{p.title}</h3>
        <p>{p.consequence}</p>
        <div className="actions">
          <button type="button" className={p.danger ? "button danger" : "button"} onClick={yes}>
            {p.confirmLabel}
          </button>
          <button type="button" className="button secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
