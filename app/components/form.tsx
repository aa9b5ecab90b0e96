// The app's <Form>: Remix's, plus the session's anti-CSRF token as a hidden field on every form that does not
// GET (ADR 013), so forms carry it with and without JavaScript. Routes and components import Form from here,
// never from @remix-run/react (test/unit/forms-read-once.test.ts); the same for useFetcher, whose Form does too.
import { Form as RemixForm, type FormProps, useFetcher as useRemixFetcher, useRouteLoaderData } from "@remix-run/react";
import { type ComponentProps, forwardRef, useMemo } from "react";
import { CSRF_FIELD } from "~/auth/csrf-token";

/** The token the root loader hands the page (null when nobody is signed in). */
export function useCsrfToken(): string | null {
  const root = useRouteLoaderData("root") as { csrf?: string | null } | undefined;
  return root?.csrf ?? null;
}

/** The hidden token field, for a plain <form> (put it first: the upload checks it before the file). */
export function CsrfInput() {
  const token = useCsrfToken();
  return token ? <input type="hidden" name={CSRF_FIELD} value={token} /> : null;
}

export const Form = forwardRef<HTMLFormElement, FormProps>(function Form({ children, method, ...rest }, ref) {
  const changes = method !== undefined && method.toLowerCase() !== "get";
  return (
    <RemixForm ref={ref} method={method} {...rest}>
      {changes ? <CsrfInput /> : null}
      {children}
    </RemixForm>
  );
});

/** Remix's useFetcher, whose `Form` carries the token as the page's Form does. */
export function useFetcher<T = unknown>(opts?: Parameters<typeof useRemixFetcher>[0]) {
  const fetcher = useRemixFetcher<T>(opts);
  const Inner = fetcher.Form;
  const WithToken = useMemo(
    () =>
      forwardRef<HTMLFormElement, ComponentProps<typeof Inner>>(function FetcherForm({ children, method, ...rest }, ref) {
        const changes = method !== undefined && method.toLowerCase() !== "get";
        return (
          <Inner ref={ref} method={method} {...rest}>
            {changes ? <CsrfInput /> : null}
            {children}
          </Inner>
        );
      }),
    [Inner],
  );
  return useMemo(() => ({ ...fetcher, Form: WithToken }) as typeof fetcher, [fetcher, WithToken]);
}
