import { makeTemplate, testEngine } from "./template";

await makeTemplate();
console.log(`test template database ready (${testEngine()})`);
