// Every area adds its routes to its own file; the matrix test runs them all against every actor.
import { appraisals } from "./appraisals";
import { certifications } from "./certifications";
import { dashboard } from "./dashboard";
import { dataExport } from "./data-export";
import { evidence } from "./evidence";
// issue 17, point 6 (erasure)
import { erasure } from "./erasure";
// issue 17, part 3 (360 feedback)
import { feedback } from "./feedback";
import { foundation } from "./foundation";
// issue 13, point 4 (on-call health)
import { health } from "./health";
import { imports } from "./imports";
// issue 17, part 4 (ladder templates)
import { ladderTemplates } from "./ladder-templates";
import { portfolio } from "./portfolio";
import { skillsCatalogue } from "./skills-catalogue";
// issue 16, point 9 (teams)
import { teams } from "./teams";
import type { AccessArea } from "./types";

export const AREAS: AccessArea[] = [
  foundation,
  evidence,
  dashboard,
  appraisals,
  portfolio,
  imports,
  dataExport,
  skillsCatalogue,
  certifications,
  feedback,
  ladderTemplates,
  erasure,
  teams,
  health,
];
