import { type ErrorResponse, Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

type StatusHandler = (info: { error: ErrorResponse }) => ReactNode;

const DEFAULT_TEXT: Record<number, { title: string; message: string }> = {
  400: { title: "That request was not understood", message: "Check what you entered and try again." },
  401: { title: "Please sign in", message: "You need to sign in to see this page." },
  403: { title: "Not allowed", message: "Your role does not give you access to this page." },
  404: { title: "Page not found", message: "There is nothing here, or you do not have access to it." },
  409: {
    title: "Changed in the meantime",
    message: "Someone else changed this while you were working. Reload the page to see the latest version.",
  },
  413: { title: "Too large", message: "What you sent is larger than SupportPath accepts." },
  415: { title: "Not a form", message: "SupportPath expected a form here." },
  422: { title: "That could not be saved", message: "Some of what you entered needs attention." },
};

const GENERIC = new Set(["Not found.", "Not Found", "Forbidden", ""]);

/** The message a thrown Response carried, when it is one of ours (short plain text), else null. */
function ownMessage(error: ErrorResponse): string | null {
  const data: unknown = error.data;
  // The bare defaults of notFound()/forbidden() say less than the page's own text.
  if (typeof data === "string" && GENERIC.has(data.trim())) return null;
  if (typeof data === "string" && data.length > 0 && data.length <= 300 && !/[<>]/.test(data)) return data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") return data.message;
  // refusals thrown as `{ ok: false, error }` (auth/csrf.server.ts), readable by scripts and pages alike
  if (data && typeof data === "object" && "error" in data && typeof data.error === "string") return data.error;
  return null;
}

function ErrorPage({ title, message }: { title: string; message: string }) {
  return (
    <section className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </section>
  );
}

function defaultStatusPage({ error }: { error: ErrorResponse }) {
  const text = DEFAULT_TEXT[error.status] ?? { title: "Something went wrong", message: "Please try again." };
  // Our 4xx responses carry a sentence written for the reader ("This appraisal is signed off."); use it.
  const message = error.status < 500 ? (ownMessage(error) ?? text.message) : text.message;
  return <ErrorPage title={text.title} message={message} />;
}

/**
 * What every route shows when its loader or action throws: a friendly page per status, and for anything
 * unexpected a generic message: the exception's text is logged on the server, never shown.
 */
export function GeneralErrorBoundary({
  statusHandlers = {},
  defaultStatusHandler = defaultStatusPage,
}: {
  statusHandlers?: Partial<Record<number, StatusHandler>>;
  defaultStatusHandler?: StatusHandler;
}) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) return <>{(statusHandlers[error.status] ?? defaultStatusHandler)({ error })}</>;
  return <ErrorPage title="Something went wrong" message="An unexpected error happened. It has been logged; please try again." />;
}

/** Re-exported by routes as their ErrorBoundary: `export { RouteErrorBoundary as ErrorBoundary } from …`. */
export function RouteErrorBoundary() {
  return <GeneralErrorBoundary />;
}
