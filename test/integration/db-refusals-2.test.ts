// Part 2 of 4 of the probe in db-refusals.ts.
import { dbRefusals } from "./db-refusals";

dbRefusals(2, 4);
