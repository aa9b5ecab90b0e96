import { makeTemplate, templateExists } from "./template";

// `npm test` builds the template first; a lone `vitest run` makes it when it is missing.
export default async function setup() {
  if (process.env.REFRESH_TEMPLATE === "1" || !(await templateExists())) await makeTemplate();
}
