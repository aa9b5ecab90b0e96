// What the primary and its workers say to each other (the IPC channel node:cluster sets up).
export type ToWorker = { type: "listen" };
/** "loaded": the app is imported; "fatal": the worker cannot serve (its port is taken), so stop them all */
export type FromWorker = { type: "loaded" } | { type: "fatal"; message: string };
