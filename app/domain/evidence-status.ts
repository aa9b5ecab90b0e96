// Evidence review workflow: draft → submitted → verified, or returned with a reason.
import type { EvidenceStatus } from "./types";

export type EvidenceEvent = "submit" | "verify" | "return" | "edit";
export type EvidenceActor = "owner" | "manager";

export const STATUS_LABELS: Record<EvidenceStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  verified: "Verified",
  returned: "Returned",
};

/** The status after `event`, or an error message when the move is not allowed. */
export function nextStatus(
  status: EvidenceStatus,
  event: EvidenceEvent,
  actor: EvidenceActor,
  reason?: string,
): { ok: true; status: EvidenceStatus } | { ok: false; error: string } {
  switch (event) {
    case "submit":
      if (actor !== "owner") return { ok: false, error: "Only the owner submits an item." };
      if (status === "draft" || status === "returned") return { ok: true, status: "submitted" };
      return { ok: false, error: `A ${STATUS_LABELS[status].toLowerCase()} item cannot be submitted.` };
    case "verify":
      if (actor !== "manager") return { ok: false, error: "Only a manager of this person verifies their items." };
      if (status === "submitted") return { ok: true, status: "verified" };
      return { ok: false, error: "Only submitted items can be verified." };
    case "return":
      if (actor !== "manager") return { ok: false, error: "Only a manager of this person returns their items." };
      if (!reason?.trim()) return { ok: false, error: "Say why the item is returned." };
      if (status === "submitted" || status === "verified") return { ok: true, status: "returned" };
      return { ok: false, error: "Only submitted or verified items can be returned." };
    case "edit":
      if (actor !== "owner") return { ok: false, error: "Only the owner edits an item." };
      // Changing a verified item needs a fresh review.
      return { ok: true, status: status === "verified" ? "submitted" : status };
  }
}

/** Whether an item in this status counts towards scores. */
export function counts(status: EvidenceStatus): boolean {
  return status === "submitted" || status === "verified";
}
