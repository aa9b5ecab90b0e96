// Part 1 of 4 of the probe in db-refusals.ts.
import { dbRefusals } from "./db-refusals";

dbRefusals(1, 4);
