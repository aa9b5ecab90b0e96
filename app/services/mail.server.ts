// The one way the app sends mail (issue 14, point 2): a row in `outbox` (migration 0022), written with the
// caller's transaction so a message exists exactly when the change that caused it committed. Delivery over
// SMTP happens afterwards, from the outbox, by app/services/mail-delivery.server.ts; without SMTP the rows
// stay unsent and admins read them at /admin/outbox.
import type { DB } from "~/db.server";

export type MailKind = "invitation" | "password-reset" | "notification" | "digest";

export interface Mail {
  to: string;
  subject: string;
  /** the plain-text part (always present: some clients and every test read it) */
  text: string;
  /** the HTML part */
  html: string;
  kind: MailKind;
}

/** Queues one message; returns its outbox id. `db` may be a transaction. */
export async function sendMail(db: DB, mail: Mail, now: Date): Promise<number> {
  const row = await db
    .insertInto("outbox")
    .values({
      to_email: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      kind: mail.kind,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
