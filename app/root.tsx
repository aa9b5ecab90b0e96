import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { csrfTokenOf } from "~/auth/csrf.server";
import { getUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/submit-button";
import { navFor } from "~/utils/navigation";
import { themeOf } from "~/domain/theme";
import { useNonce } from "~/utils/nonce";
import styles from "~/styles/app.css";
import { Form } from "~/components/form";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    user: user ? { id: user.id, name: user.name, role: user.role } : null,
    // the person's colour scheme, rendered on <html> so the first paint has it (no flash; app/domain/theme.ts)
    theme: themeOf(user?.theme),
    nav: user ? navFor(user.role) : [],
    // The session's anti-CSRF token, for every form's hidden field (components/form.tsx, ADR 013).
    csrf: user ? await csrfTokenOf(request) : null,
  };
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRootData();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar no-print">
        <Link to="/" className="brand">
          SupportPath
        </Link>
        {data?.user ? (
          <nav aria-label="Main" className="main-nav">
            {/* On a phone the links fold into this menu (no JavaScript needed); on a wider screen app.css shows
                them in a row and hides the summary. Keyed by the page so that it is closed again after a link. */}
            <details className="nav-menu" key={location.pathname}>
              <summary>Menu</summary>
              <ul>
                {data.nav.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === "/"}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </details>
          </nav>
        ) : null}
        {data?.user ? (
          <div className="whoami">
            <Link to="/profile">{data.user.name}</Link>
            <span className="role-badge">{data.user.role}</span>
            <Form method="post" action="/logout">
              <SubmitButton className="link-button" pendingLabel="Signing out…">
                Sign out
              </SubmitButton>
            </Form>
          </div>
        ) : null}
      </header>
      <main id="main">{children}</main>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  // Remix's inline scripts carry the CSP nonce (app/entry.server.tsx, ADR 014).
  const nonce = useNonce();
  const theme = useRootData()?.theme ?? "system";
  return (
    <html lang="en" data-theme={theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // When hydration is done: the root's effects run after every effect of the first commit. Read by
  // bench/pages.ts (and nothing else); set once, so client-side navigations do not move it.
  useEffect(() => {
    (window as Window & { __hydrated?: number }).__hydrated ??= performance.now();
  }, []);
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorBoundary />
    </Shell>
  );
}
