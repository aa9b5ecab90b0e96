// charts/fit-svg.ts: recharts' fixed-size markup takes its card's width and keeps its drawing as a viewBox.
import { describe, expect, it } from "vitest";
import { fitSvg } from "../../app/components/charts/fit-svg";

const recharts =
  '<div class="recharts-wrapper" style="position:relative;cursor:default;width:520px;height:376px">' +
  '<svg id="r" class="recharts-surface" width="520" height="376" style="width:100%;height:100%" viewBox="0 0 520 376">' +
  '<rect x="60" y="24" height="352" width="400"></rect></svg></div>';

describe("fitSvg", () => {
  it("gives the wrapper and the SVG the card's width and the drawing's aspect ratio", () => {
    const fit = fitSvg(recharts);
    expect(fit).toContain('<div class="recharts-wrapper" style="position:relative;cursor:default;width:100%;height:auto">');
    expect(fit).toContain(
      '<svg id="r" class="recharts-surface" width="100%" viewBox="0 0 520 376" preserveAspectRatio="xMidYMid meet" style="display:block;width:100%;height:auto">',
    );
  });

  it("leaves the drawing inside alone (the rect keeps its own width and height)", () => {
    expect(fitSvg(recharts)).toContain('<rect x="60" y="24" height="352" width="400"></rect></svg></div>');
  });

  it("takes the viewBox from the width and height when recharts wrote none", () => {
    const fit = fitSvg(
      '<div class="recharts-wrapper" style="width:300px;height:100px"><svg width="300" height="100"></svg></div>',
    );
    expect(fit).toContain('viewBox="0 0 300 100"');
    expect(fit).not.toContain("300px");
  });

  it("is idempotent: fitting fitted markup changes nothing", () => {
    const once = fitSvg(recharts);
    expect(fitSvg(once)).toBe(once);
  });
});
