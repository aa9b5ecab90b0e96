import { createCookie, redirect } from "@remix-run/node";
import { type DB, getDb } from "~/db.server";
import { findSessionUser } from "~/models/sessions.server";
import { relationTo } from "./relation.server";
import { resolveSessionSecret } from "./secret";
import { type Action, can, hasAnyScope } from "./permissions";
import type { Role } from "~/domain/types";
import { logRefusal } from "~/utils/log.server";

// Evaluated when the server build loads, so a production server without a secret never starts.
const SECRET = resolveSessionSecret({ SESSION_SECRET: process.env.SESSION_SECRET, NODE_ENV: process.env.NODE_ENV }, console.warn);

const sessionCookie = createCookie("sp_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secrets: [SECRET],
});

// A set-password link's token, moved out of the URL (issue 12): GET /set-password/:token puts it here and
// sends the browser on to /set-password, so the token is in no address bar, history entry, Referer or
// access log line after that first request. Short-lived, httpOnly, only sent to /set-password.
const passwordLinkCookie = createCookie("sp_password_link", {
  httpOnly: true,
  sameSite: "lax",
  path: "/set-password",
  secrets: [SECRET],
});
const PASSWORD_LINK_COOKIE_SECONDS = 15 * 60;

export function commitPasswordLinkCookie(request: Request, token: string): Promise<string> {
  return passwordLinkCookie.serialize(token, { secure: isHttps(request), maxAge: PASSWORD_LINK_COOKIE_SECONDS });
}

export function destroyPasswordLinkCookie(request: Request): Promise<string> {
  return passwordLinkCookie.serialize("", { secure: isHttps(request), maxAge: 0 });
}

export async function readPasswordLinkToken(request: Request): Promise<string | null> {
  const value = await passwordLinkCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value ? value : null;
}

// A link just issued, on its way to the admin's page: carried across the redirect in a cookie for that page
// (not in its URL, where history and logs would keep it), shown once, then cleared.
const issuedLinkCookie = createCookie("sp_issued_link", {
  httpOnly: true,
  sameSite: "lax",
  path: "/admin/people",
  secrets: [SECRET],
});

export function commitIssuedLinkCookie(request: Request, token: string): Promise<string> {
  return issuedLinkCookie.serialize(token, { secure: isHttps(request), maxAge: 120 });
}

/** The link to show, and the header that clears it; null when there is none. */
export async function takeIssuedLink(request: Request): Promise<{ token: string; clear: string } | null> {
  const value = await issuedLinkCookie.parse(request.headers.get("Cookie"));
  if (typeof value !== "string" || !value) return null;
  return { token: value, clear: await issuedLinkCookie.serialize("", { secure: isHttps(request), maxAge: 0 }) };
}

/** The secret cookies are signed with; the anti-CSRF token is derived from it too (csrf.server.ts). */
export const sessionSecret = (): string => SECRET;

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

export function commitSessionCookie(request: Request, sessionId: string): Promise<string> {
  return sessionCookie.serialize(sessionId, { secure: isHttps(request), maxAge: 60 * 60 * 24 });
}

export function destroySessionCookie(request: Request): Promise<string> {
  return sessionCookie.serialize("", { secure: isHttps(request), maxAge: 0 });
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value ? value : null;
}

export interface CurrentUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  team_id: number | null;
  manager_id: number | null;
  position_id: number | null;
  /** the colour scheme the person chose; null follows the browser */
  theme?: string | null;
  session_id: string;
}

// The root loader and the page's loader both ask who is signed in, with the same Request: look it up
// once per request (the entry goes with the request, so nothing outlives it).
const usersOfRequests = new WeakMap<Request, Promise<CurrentUser | null>>();

export function getUser(request: Request, db: DB = getDb()): Promise<CurrentUser | null> {
  let user = usersOfRequests.get(request);
  if (!user) {
    user = lookUpUser(request, db);
    usersOfRequests.set(request, user);
  }
  return user;
}

async function lookUpUser(request: Request, db: DB): Promise<CurrentUser | null> {
  const sid = await readSessionId(request);
  if (!sid) return null;
  const user = await findSessionUser(db, sid);
  return (user as CurrentUser | undefined) ?? null;
}

export async function requireUser(request: Request, db: DB = getDb()): Promise<CurrentUser> {
  const user = await getUser(request, db);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export function forbidden(message = "You do not have access to this page."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Not found."): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** A refusal of the permission module: logged as a structured event (app/utils/log.server.ts), then the response. */
function refused(kind: "forbidden" | "notFound", user: CurrentUser, action: Action, subject?: number): Response {
  logRefusal(kind, user.id, action, subject);
  return kind === "forbidden" ? forbidden() : notFound();
}

/** Role-level check: refuses (403) a role that holds the action for nobody. */
export async function requireCapability(request: Request, action: Action, db: DB = getDb()): Promise<CurrentUser> {
  const user = await requireUser(request, db);
  if (!hasAnyScope(user.role, action)) throw refused("forbidden", user, action);
  return user;
}

/**
 * Subject-level check. A role that never holds the action gets 403; a subject outside the
 * actor's reach gets 404, so guessed ids reveal nothing about who exists.
 */
export async function requirePermission(
  request: Request,
  action: Action,
  subjectPersonId: number,
  db: DB = getDb(),
): Promise<CurrentUser> {
  const user = await requireCapability(request, action, db);
  await assertPermission(db, user, action, subjectPersonId);
  return user;
}

export async function assertPermission(db: DB, user: CurrentUser, action: Action, subjectPersonId: number) {
  const rel = await relationTo(db, user, subjectPersonId);
  if (!rel || !can(user.role, action, rel)) throw refused("notFound", user, action, subjectPersonId);
}

export async function permits(db: DB, user: CurrentUser, action: Action, subjectPersonId: number): Promise<boolean> {
  const rel = await relationTo(db, user, subjectPersonId);
  return !!rel && can(user.role, action, rel);
}
