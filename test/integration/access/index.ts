// Every area adds its routes to its own file; the matrix test runs them all against every actor.
import { appraisals } from "./appraisals";
import { dashboard } from "./dashboard";
import { dataExport } from "./data-export";
import { evidence } from "./evidence";
import { foundation } from "./foundation";
import { imports } from "./imports";
import { portfolio } from "./portfolio";
import type { AccessArea } from "./types";

export const AREAS: AccessArea[] = [foundation, evidence, dashboard, appraisals, portfolio, imports, dataExport];
