// The demo organisation: one admin, three managers (Margaret manages Daniel and Sofia),
// sixteen engineers in three teams, each with ITSM handles that match the real ServiceNow log.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { normaliseHandle } from "../app/domain/org-tree";

export const DEMO_PASSWORD = "supportpath-demo";
export const DEMO_DOMAIN = "example.com";

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  role: "engineer" | "manager" | "admin";
  manager: string | null;
  team: string | null;
  position: string;
  handles: string[];
  /** how active and senior this person's record is, 0..1 */
  seniority: number;
}

const e = (local: string) => `${local}@${DEMO_DOMAIN}`;

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: "admin",
    name: "Priya Raman",
    email: e("admin"),
    role: "admin",
    manager: null,
    team: null,
    position: "sdm",
    handles: [],
    seniority: 0,
  },
  {
    key: "margaret",
    name: "Margaret Okafor",
    email: e("margaret.okafor"),
    role: "manager",
    manager: null,
    team: null,
    position: "manager",
    handles: ["mokafor"],
    seniority: 0.9,
  },
  {
    key: "daniel",
    name: "Daniel Kowalski",
    email: e("daniel.kowalski"),
    role: "manager",
    manager: "margaret",
    team: "Platform Support",
    position: "lead",
    handles: ["dkowalski", "Resolved by 62"],
    seniority: 0.8,
  },
  {
    key: "sofia",
    name: "Sofia Marín",
    email: e("sofia.marin"),
    role: "manager",
    manager: "margaret",
    team: "Application Support",
    position: "lead",
    handles: ["smarin", "Resolved by 183"],
    seniority: 0.8,
  },
  // Platform Support (Daniel)
  {
    key: "aisha",
    name: "Aisha Khan",
    email: e("aisha.khan"),
    role: "engineer",
    manager: "daniel",
    team: "Platform Support",
    position: "senior",
    handles: ["akhan", "Resolved by 208"],
    seniority: 0.75,
  },
  {
    key: "ben",
    name: "Ben Carter",
    email: e("ben.carter"),
    role: "engineer",
    manager: "daniel",
    team: "Platform Support",
    position: "se2",
    handles: ["bcarter", "Resolved by 166"],
    seniority: 0.5,
  },
  {
    key: "lukasz",
    name: "Łukasz Nowak",
    email: e("lukasz.nowak"),
    role: "engineer",
    manager: "daniel",
    team: "Platform Support",
    position: "se2",
    handles: ["lnowak", "Resolved by 133"],
    seniority: 0.55,
  },
  {
    key: "mei",
    name: "Mei Lin 李美",
    email: e("mei.lin"),
    role: "engineer",
    manager: "daniel",
    team: "Platform Support",
    position: "senior",
    handles: ["mlin", "Resolved by 125"],
    seniority: 0.7,
  },
  {
    key: "tom",
    name: "Tom Becker",
    email: e("tom.becker"),
    role: "engineer",
    manager: "daniel",
    team: "Platform Support",
    position: "se1",
    handles: ["tbecker", "Resolved by 180"],
    seniority: 0.25,
  },
  {
    key: "zoe",
    name: "Zoë Adams",
    email: e("zoe.adams"),
    role: "engineer",
    manager: "daniel",
    team: "Platform Support",
    position: "se1",
    handles: ["zadams", "Resolved by 53"],
    seniority: 0.3,
  },
  // Application Support (Sofia)
  {
    key: "olga",
    name: "Ольга Иванова",
    email: e("olga.ivanova"),
    role: "engineer",
    manager: "sofia",
    team: "Application Support",
    position: "senior",
    handles: ["oivanova", "Resolved by 153"],
    seniority: 0.7,
  },
  {
    key: "carlos",
    name: "Carlos Mendes",
    email: e("carlos.mendes"),
    role: "engineer",
    manager: "sofia",
    team: "Application Support",
    position: "se2",
    handles: ["cmendes", "Resolved by 227"],
    seniority: 0.5,
  },
  {
    key: "hannah",
    name: "Hannah Schmidt",
    email: e("hannah.schmidt"),
    role: "engineer",
    manager: "sofia",
    team: "Application Support",
    position: "se2",
    handles: ["hschmidt", "Resolved by 15"],
    seniority: 0.45,
  },
  {
    key: "kenji",
    name: "Kenji Tanaka",
    email: e("kenji.tanaka"),
    role: "engineer",
    manager: "sofia",
    team: "Application Support",
    position: "senior",
    handles: ["ktanaka", "Resolved by 113"],
    seniority: 0.65,
  },
  {
    key: "fatima",
    name: "Fatima Al-Sayed",
    email: e("fatima.alsayed"),
    role: "engineer",
    manager: "sofia",
    team: "Application Support",
    position: "se1",
    handles: ["falsayed", "Resolved by 103"],
    seniority: 0.3,
  },
  {
    key: "ravi",
    name: "Ravi Patel",
    email: e("ravi.patel"),
    role: "engineer",
    manager: "sofia",
    team: "Application Support",
    position: "se2",
    handles: ["rpatel", "Resolved by 69"],
    seniority: 0.4,
  },
  // Service Desk (reports to Margaret directly)
  {
    key: "grace",
    name: "Grace Liu",
    email: e("grace.liu"),
    role: "engineer",
    manager: "margaret",
    team: "Service Desk",
    position: "se2",
    handles: ["gliu", "Resolved by 71"],
    seniority: 0.5,
  },
  {
    key: "noah",
    name: "Noah Brown",
    email: e("noah.brown"),
    role: "engineer",
    manager: "margaret",
    team: "Service Desk",
    position: "se1",
    handles: ["nbrown", "Resolved by 215"],
    seniority: 0.2,
  },
  {
    key: "emma",
    name: "Emma Wilson",
    email: e("emma.wilson"),
    role: "engineer",
    manager: "margaret",
    team: "Service Desk",
    position: "se1",
    handles: ["ewilson", "Resolved by 184"],
    seniority: 0.35,
  },
  {
    key: "jonas",
    name: "Jonas Berg",
    email: e("jonas.berg"),
    role: "engineer",
    manager: "margaret",
    team: "Service Desk",
    position: "se2",
    handles: ["jberg", "Resolved by 30"],
    seniority: 0.45,
  },
];

export const DEMO_TEAMS = ["Platform Support", "Application Support", "Service Desk"];

/** Inserts teams and people; returns person ids by demo key. */
export async function seedPeople(db: Kysely<Database>, passwordHash: string, now: Date): Promise<Map<string, number>> {
  const ts = now.toISOString();
  const teamIds = new Map<string, number>();
  for (const name of DEMO_TEAMS) {
    const { id } = await db.insertInto("teams").values({ name }).returning("id").executeTakeFirstOrThrow();
    teamIds.set(name, id);
  }
  const positions = await db.selectFrom("positions").select(["id", "key"]).execute();
  const positionId = new Map(positions.map((p) => [p.key, p.id]));
  const ids = new Map<string, number>();
  for (const p of DEMO_PEOPLE) {
    const { id } = await db
      .insertInto("people")
      .values({
        name: p.name,
        email: p.email,
        role: p.role,
        password_hash: passwordHash,
        manager_id: p.manager ? ids.get(p.manager)! : null,
        team_id: p.team ? teamIds.get(p.team)! : null,
        position_id: positionId.get(p.position) ?? null,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.set(p.key, id);
    if (p.handles.length) {
      await db
        .insertInto("itsm_handles")
        .values(p.handles.map((h) => ({ person_id: id, handle: h, handle_key: normaliseHandle(h) })))
        .execute();
    }
  }
  return ids;
}
