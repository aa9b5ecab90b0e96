// Fault injection on either engine: a trigger that makes one row's insert or update fail, standing in
// for any database-side failure in the middle of a transaction.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../../app/db.server";

export interface Fault {
  /** a unique trigger name */
  name: string;
  table: string;
  on: "insert" | "update";
  /** the row that fails: NEW.<column> = <value> */
  column: string;
  value: string;
  message: string;
}

/** Installs the trigger and returns its removal. */
export async function injectFault(db: Kysely<any>, f: Fault): Promise<() => Promise<void>> {
  const when = sql.raw(f.on === "insert" ? "INSERT" : "UPDATE");
  const [name, table, column] = [sql.id(f.name), sql.id(f.table), sql.id("NEW", f.column)];
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
      `BEGIN IF NEW.${f.column} = '${f.value.replace(/'/g, "''")}' THEN RAISE EXCEPTION '%', '${f.message.replace(/'/g, "''")}'; END IF; RETURN NEW; END`,
    )}`.execute(db);
    await sql`CREATE TRIGGER ${name} BEFORE ${when} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`.execute(db);
    return async () => {
      await sql`DROP TRIGGER ${name} ON ${table}`.execute(db);
      await sql`DROP FUNCTION ${name}()`.execute(db);
    };
  }
  await sql`CREATE TRIGGER ${name} BEFORE ${when} ON ${table} WHEN ${column} = ${sql.lit(f.value)}
    BEGIN SELECT RAISE(ABORT, ${sql.lit(f.message)}); END`.execute(db);
  return async () => {
    await sql`DROP TRIGGER ${name}`.execute(db);
  };
}
