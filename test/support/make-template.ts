import { makeTemplate } from "./template";

await makeTemplate();
console.log("test template database ready");
