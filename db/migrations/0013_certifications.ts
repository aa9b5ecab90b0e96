import type { Kysely } from "kysely";

// Frozen once shipped. Certifications (issue 17): a catalogue the admins keep (what a certification is, how
// long it stays valid, which skills it supports and by how much, which positions require it) and the
// certifications people hold. A person's certification is evidence only once a manager has verified it and
// only while it is valid, so the dates are kept as days (YYYY-MM-DD) and "valid" is decided where `now` is
// known, never stored. An attachment is kept as base64 text: both engines store text alike, and the form's
// body limit (1 MB) bounds it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    // null: it does not expire
    .addColumn("validity_months", "integer")
    .addColumn("description", "text")
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("certification_skills")
    .addColumn("certification_id", "integer", (c) => c.notNull().references("certifications.id").onDelete("cascade"))
    .addColumn("skill_key", "text", (c) => c.notNull().references("skills.key"))
    .addColumn("points", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("certification_skills_pk", ["certification_id", "skill_key"])
    .execute();

  await db.schema
    .createTable("position_certifications")
    .addColumn("position_id", "integer", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("certification_id", "integer", (c) => c.notNull().references("certifications.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("position_certifications_pk", ["position_id", "certification_id"])
    .execute();

  await db.schema
    .createTable("person_certifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("certification_id", "integer", (c) => c.notNull().references("certifications.id"))
    .addColumn("issued_on", "text", (c) => c.notNull())
    // null: it does not expire
    .addColumn("expires_on", "text")
    .addColumn("credential_ref", "text")
    .addColumn("link_url", "text")
    .addColumn("attachment_name", "text")
    .addColumn("attachment_type", "text")
    .addColumn("attachment_base64", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("return_reason", "text")
    .addColumn("verified_by", "integer", (c) => c.references("people.id"))
    .addColumn("verified_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("person_certifications_person_idx")
    .on("person_certifications")
    .columns(["person_id", "expires_on"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["person_certifications", "position_certifications", "certification_skills", "certifications"])
    await db.schema.dropTable(t).execute();
}
