// Every area adds its routes here; the matrix test runs them all against every actor.
import { foundation } from "./foundation";
import type { AccessArea } from "./types";

export const AREAS: AccessArea[] = [foundation];
