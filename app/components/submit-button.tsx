import { useNavigation } from "@remix-run/react";
import { type ButtonHTMLAttributes, forwardRef } from "react";

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Shown on this button while its submission is in flight, e.g. "Saving…". */
  pendingLabel?: string;
  /** A fetcher's state when the button sits in a fetcher.Form; otherwise the page's navigation is watched. */
  fetcherState?: "idle" | "submitting" | "loading";
}

/**
 * A submit button that shows a submission is under way and cannot send it twice. While any form on the
 * page is being submitted (or its fetcher is busy) every SubmitButton is disabled; the one pressed says so.
 */
export const SubmitButton = forwardRef<HTMLButtonElement, Props>(function SubmitButton(
  { pendingLabel, fetcherState, children, disabled, name, value, ...rest },
  ref,
) {
  const navigation = useNavigation();
  const submitting =
    fetcherState !== undefined
      ? fetcherState !== "idle"
      : navigation.state !== "idle" && navigation.formMethod !== undefined && navigation.formMethod.toUpperCase() !== "GET";
  const pressed =
    submitting && (fetcherState !== undefined || name === undefined || navigation.formData?.get(name) === String(value));
  return (
    <button
      ref={ref}
      type="submit"
      name={name}
      value={value}
      disabled={disabled || submitting}
      aria-busy={pressed || undefined}
      {...rest}
    >
      {pressed && pendingLabel ? pendingLabel : children}
    </button>
  );
});
