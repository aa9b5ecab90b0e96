import fs from "node:fs";
import { TEMPLATE_DB, makeTemplate } from "./template";

// `npm test` builds the template first; a lone `vitest run` makes it when it is missing.
export default async function setup() {
  if (!fs.existsSync(TEMPLATE_DB) || process.env.REFRESH_TEMPLATE === "1") await makeTemplate();
}
