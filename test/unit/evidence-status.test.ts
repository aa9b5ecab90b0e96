import { describe, expect, it } from "vitest";
import { type EvidenceActor, type EvidenceEvent, STATUS_LABELS, counts, nextStatus } from "../../app/domain/evidence-status";
import type { EvidenceStatus } from "../../app/domain/types";

const STATUSES: EvidenceStatus[] = ["draft", "submitted", "verified", "returned"];

function moveTo(status: EvidenceStatus, event: EvidenceEvent, actor: EvidenceActor, reason?: string) {
  const r = nextStatus(status, event, actor, reason);
  return r.ok ? r.status : `error: ${r.error}`;
}

describe("nextStatus: submit", () => {
  it("moves a draft or a returned item to submitted when the owner submits", () => {
    expect(moveTo("draft", "submit", "owner")).toBe("submitted");
    expect(moveTo("returned", "submit", "owner")).toBe("submitted");
  });
  it("refuses to submit an item that is already submitted or verified", () => {
    for (const s of ["submitted", "verified"] as const) {
      const r = nextStatus(s, "submit", "owner");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(STATUS_LABELS[s].toLowerCase());
    }
  });
  it("only lets the owner submit", () => {
    for (const s of STATUSES) expect(nextStatus(s, "submit", "manager").ok).toBe(false);
  });
});

describe("nextStatus: verify", () => {
  it("verifies only submitted items, and only by a manager", () => {
    expect(moveTo("submitted", "verify", "manager")).toBe("verified");
    for (const s of ["draft", "verified", "returned"] as const) expect(nextStatus(s, "verify", "manager").ok).toBe(false);
    for (const s of STATUSES) expect(nextStatus(s, "verify", "owner").ok).toBe(false);
  });
});

describe("nextStatus: return", () => {
  it("returns a submitted or verified item when a reason is given", () => {
    expect(moveTo("submitted", "return", "manager", "Add the ticket reference")).toBe("returned");
    expect(moveTo("verified", "return", "manager", "Wrong person")).toBe("returned");
  });
  it("needs a reason that is not blank", () => {
    for (const reason of [undefined, "", "   \n\t"]) {
      const r = nextStatus("submitted", "return", "manager", reason);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/why/i);
    }
  });
  it("cannot return a draft or an already returned item", () => {
    expect(nextStatus("draft", "return", "manager", "x").ok).toBe(false);
    expect(nextStatus("returned", "return", "manager", "x").ok).toBe(false);
  });
  it("checks the actor before the reason: an owner cannot return their own item", () => {
    const r = nextStatus("submitted", "return", "owner", "because");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/manager/i);
  });
});

describe("nextStatus: edit", () => {
  it("sends a verified item back to submitted: its review no longer covers the change", () => {
    expect(moveTo("verified", "edit", "owner")).toBe("submitted");
  });
  it("keeps every other status as it is", () => {
    for (const s of ["draft", "submitted", "returned"] as const) expect(moveTo(s, "edit", "owner")).toBe(s);
  });
  it("only lets the owner edit", () => {
    for (const s of STATUSES) expect(nextStatus(s, "edit", "manager").ok).toBe(false);
  });
});

describe("the whole review cycle", () => {
  it("draft → submitted → returned → submitted → verified → (edited) submitted → verified", () => {
    let s: EvidenceStatus = "draft";
    const step = (event: EvidenceEvent, actor: EvidenceActor, reason?: string) => {
      const r = nextStatus(s, event, actor, reason);
      if (!r.ok) throw new Error(r.error);
      s = r.status;
      return s;
    };
    expect(step("submit", "owner")).toBe("submitted");
    expect(step("return", "manager", "Which incident?")).toBe("returned");
    expect(step("edit", "owner")).toBe("returned");
    expect(step("submit", "owner")).toBe("submitted");
    expect(step("verify", "manager")).toBe("verified");
    expect(step("edit", "owner")).toBe("submitted");
    expect(step("verify", "manager")).toBe("verified");
  });
});

describe("counts", () => {
  it("counts submitted and verified items towards scores, not drafts or returned items", () => {
    expect(STATUSES.filter(counts)).toEqual(["submitted", "verified"]);
  });
  it("has a label for every status", () => {
    for (const s of STATUSES) expect(STATUS_LABELS[s]).toMatch(/^[A-Z]/);
  });
});
