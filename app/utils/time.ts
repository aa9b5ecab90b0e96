// No default: "now" comes from the server clock (app/clock.server.ts), passed in by the caller.
export function isoNow(now: Date): string {
  return now.toISOString();
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
