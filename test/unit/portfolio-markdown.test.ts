import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { buildPortfolio } from "../../app/domain/portfolio";
import { escapeMarkdown, portfolioMarkdown } from "../../app/domain/portfolio-markdown";
import { fixtureInput } from "../fixtures/portfolio/input";
import { parseMarkdown } from "../../app/utils/markdown.server";

// Written out by hand from the fixture (test/fixtures/portfolio/input.ts), not copied from output:
// - items 14 (draft) and 15 (2024-12-31, before the period) are left out; 4 items remain, 3 verified;
// - one item per skill (limits.perSkill = 1): under debugging the verified item 11 (+2) beats the
//   self-reported item 12 (+4); under crisis item 11 counts +4 and +1 and beats item 13 (+1);
// - ITIL is required at level 0, so it has no section; item 16 (ITIL) shows only in the appendix;
// - after hours: item 13 (120 min) before item 11 (90 min), 210 min = 3 h 30 min;
// - every title and comment is escaped: <, >, *, _, |, [ and ] get a backslash;
// - notes stay Markdown: the note's heading "# Timeline" becomes a bold line (a note cannot add to the
//   document's outline), its list stays a list nested under "Notes:", and the literal "_" is escaped once.
const EXPECTED = `# Promotion portfolio: Zoë Adams

- **Current position:** Support Engineer I
- **Target position:** Support Engineer II
- **Readiness:** 60%
- **Team:** Platform Support
- **Period:** 2025-01-01 to 2025-06-30
- **Evidence:** 4 items (3 verified), 1 endorsement
- **Generated:** 2025-06-30

## Readiness and gaps

Zoë Adams is 60% ready for Support Engineer II. 2 skills are below the required level, largest gap first: Crisis and major-incident handling (level 1 Follow, needs 2 Assist: 1 level short); Disaster recovery and business continuity (level 0 None, needs 1 Follow: 1 level short).

| Skill | SFIA codes | Level | Required | Score | Items |
| --- | --- | --- | --- | ---: | ---: |
| Debugging and root-cause analysis | PBMG, USUP | 2 Assist | 2 Assist | 12.5 | 2 (1 verified) |
| Crisis and major-incident handling | USUP | 1 Follow | 2 Assist | 4 | 2 (2 verified) |
| Disaster recovery and business continuity | COPL, AVMT | 0 None | 1 Follow | 0 | 1 (1 verified) |

## Evidence by skill

### Debugging and root-cause analysis

Level 2 Assist, required 2 Assist (meets the requirement). Score 12.5 from 2 items in the period, 1 verified, 1 endorsement.

1. **Checkout API down \\<b\\>hard\\</b\\> \\*\\*twice\\*\\*** (verified): Incident · INC0012345 · P1 · led · 2025-03-04
   - Counts because: Incident resolved +2
   - Endorsed by Łukasz Nowak: “Calm \\| clear \\[bridge\\](x)”
   - Notes:

     **Timeline**

     - 02:10 paged
     - 03:40 fixed\\_it

And 1 more item.

### Crisis and major-incident handling

Level 1 Follow, required 2 Assist (1 level short). Score 4 from 2 items in the period, 2 verified, 1 endorsement.

1. **Checkout API down \\<b\\>hard\\</b\\> \\*\\*twice\\*\\*** (verified): Incident · INC0012345 · P1 · led · 2025-03-04
   - Counts because: P1 incident +4; Handled after hours +1
   - Endorsed by Łukasz Nowak: “Calm \\| clear \\[bridge\\](x)”
   - Notes:

     **Timeline**

     - 02:10 paged
     - 03:40 fixed\\_it

And 1 more item.

### Disaster recovery and business continuity

Level 0 None, required 1 Follow (1 level short). Score 0 from 1 item in the period, 1 verified, 0 endorsements.

1. **Quarterly DR drill** (verified): DR / continuity drill · 2025-05-20
   - Counts because: DR / continuity drill +4

## Highlights

### Major incidents (P1/P2)

1 major incident in the period.

- **Checkout API down \\<b\\>hard\\</b\\> \\*\\*twice\\*\\*** (verified): Incident · INC0012345 · P1 · led · 2025-03-04

### DR drills

1 DR drill in the period.

- **Quarterly DR drill** (verified): DR / continuity drill · 2025-05-20

### After-hours work

2 items handled after hours, 3 h 30 min in all.

- **Quarterly DR drill** (verified): DR / continuity drill · 2025-05-20, 2 h after hours
- **Checkout API down \\<b\\>hard\\</b\\> \\*\\*twice\\*\\*** (verified): Incident · INC0012345 · P1 · led · 2025-03-04, 1 h 30 min after hours

## Next steps

- **Crisis and major-incident handling:** A P1 incident: +4 Crisis and major-incident handling, +2 Debugging and root-cause analysis

## All evidence in the period

| Date | Reference | Title | Kind | Status |
| --- | --- | --- | --- | --- |
| 2025-06-01 | CHG1001 | Rotate certificates | Change request | verified |
| 2025-05-20 | – | Quarterly DR drill | DR / continuity drill | verified |
| 2025-04-10 | PRB1001 | RCA: deadlocks in \\*billing\\* | Problem (root-cause analysis) | self-reported |
| 2025-03-04 | INC0012345 | Checkout API down \\<b\\>hard\\</b\\> \\*\\*twice\\*\\* | Incident | verified |
`;

describe("portfolioMarkdown", () => {
  it("renders the notes' formatting as Markdown readers show it (a list under the item, not escaped twice)", () => {
    const html = new MarkdownIt({ html: false }).render(portfolioMarkdown(buildPortfolio(fixtureInput()), parseMarkdown));
    expect(html).toContain("<strong>Timeline</strong>");
    expect(html).toContain("<li>03:40 fixed_it</li>");
    expect(html).not.toContain("\\_");
  });

  it("renders the fixture exactly as written out by hand", () => {
    expect(portfolioMarkdown(buildPortfolio(fixtureInput()), parseMarkdown)).toBe(EXPECTED);
  });

  it("says so when there is no evidence at all", () => {
    const md = portfolioMarkdown(buildPortfolio(fixtureInput({ evidence: [] })), parseMarkdown);
    expect(md).toContain("No evidence for this skill in the period.");
    expect(md).toContain("No major incidents in the period.");
    expect(md).toContain("No DR drills in the period.");
    expect(md).toContain("No after-hours work in the period.");
    expect(md).toMatch(/## All evidence in the period\n\nNone\.\n$/);
  });
});

describe("escapeMarkdown", () => {
  it.each([
    ["**bold** and _em_", "\\*\\*bold\\*\\* and \\_em\\_"],
    ["<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"],
    ["[link](https://evil.example)", "\\[link\\](https://evil.example)"],
    ["![img](x.png)", "!\\[img\\](x.png)"],
    ["`code` | pipe ~strike~", "\\`code\\` \\| pipe \\~strike\\~"],
    ["&amp; stays text", "\\&amp; stays text"],
    ["back\\slash", "back\\\\slash"],
    ["# not a heading", "\\# not a heading"],
    ["- not a list", "\\- not a list"],
    ["+ not a list", "\\+ not a list"],
    ["1. not a list", "1\\. not a list"],
    ["2) not a list", "2\\) not a list"],
    ["=== not an underline", "\\=== not an underline"],
    ["in the middle # - + 1. stay", "in the middle # - + 1. stay"],
    ["two\nlines\r\n  collapse", "two lines collapse"],
    ["Ольга Иванова, 李美, Zoë", "Ольга Иванова, 李美, Zoë"],
  ])("%j → %j", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it("makes a CommonMark renderer show the text literally", () => {
    const md = new MarkdownIt({ html: true, linkify: false });
    const nasty = "<img src=x onerror=alert(1)> **b** _i_ [l](http://x) `c` &amp; | ~s~";
    const html = md.renderInline(escapeMarkdown(nasty));
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/<(strong|em|a|code)\b/);
    // what a reader sees: the original characters, HTML-escaped by the renderer
    expect(html).toBe("&lt;img src=x onerror=alert(1)&gt; **b** _i_ [l](http://x) `c` &amp;amp; | ~s~");
    for (const start of ["# h", "- l", "+ l", "1. l", "> q", "---"]) {
      expect(md.render(escapeMarkdown(start)).trim()).toMatch(/^<p>/);
    }
  });
});
