// Demo certifications (issue 17, part 2): the catalogue a support organisation starts from, and a few
// records so the pages, the points and the 60-day expiry notice have something to show: Aisha's ITIL 4
// Foundation verified and expiring within the notice window, Ben's AWS SysOps waiting for Daniel.
// Written through the real commands, so rows and audit entries are what the app would have written.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { CLI_ACTOR } from "../app/auth/authorize.server";
import { createCertification, recordCertification, reviewCertification } from "../app/services/certifications.server";
import type { CertificationValues } from "../app/schemas/certification";
import type { Result } from "../app/utils/result";

// No position requires one in the demo: an admin adds that on /admin/certifications/:id.
type Entry = Omit<CertificationValues, "positions" | "retired">;

export const DEMO_CERTIFICATIONS: Entry[] = [
  {
    key: "itil4-foundation",
    name: "ITIL 4 Foundation",
    issuer: "PeopleCert",
    validityMonths: 36,
    description: "Service-management vocabulary and the ITIL 4 value system.",
    points: { itil: 4, communication: 1 },
  },
  {
    key: "aws-sysops",
    name: "AWS Certified SysOps Administrator – Associate",
    issuer: "Amazon Web Services",
    validityMonths: 36,
    description: null,
    points: { performance: 2, continuity: 2 },
  },
  {
    key: "pg-associate",
    name: "PostgreSQL Associate",
    issuer: "EDB",
    validityMonths: 24,
    description: null,
    points: { performance: 3, debugging: 1 },
  },
  {
    key: "on-call-ready",
    name: "On-call readiness",
    issuer: "Internal",
    validityMonths: 12,
    description: "Shadowed two on-call weeks and ran a major-incident drill.",
    points: { crisis: 2 },
  },
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export async function seedCertifications(db: Kysely<Database>, ids: Map<string, number>, now: Date): Promise<number> {
  const dbx = db as never;
  const idOf = new Map<string, number>();
  for (const c of DEMO_CERTIFICATIONS) {
    const { id } = await must(createCertification(dbx, CLI_ACTOR, { ...c, positions: [], retired: false }, now));
    idOf.set(c.key, id);
  }
  // people record and verify as themselves: the record and review rules look at who they are to each other
  const actor = async (key: string) =>
    db.selectFrom("people").select(["id", "role", "team_id"]).where("id", "=", ids.get(key)!).executeTakeFirstOrThrow();
  const record = async (person: string, key: string, issuedOn: string, expiresOn: string) =>
    must(
      recordCertification(
        dbx,
        await actor(person),
        ids.get(person)!,
        {
          certificationId: idOf.get(key)!,
          issuedOn,
          expiresOn,
          credentialRef: null,
          linkUrl: "https://www.example.com/credential",
          removeAttachment: false,
        },
        null,
        now,
      ),
    );
  // issued three years before it expires, 40 days from now: inside the 60-day notice
  const itil = await record("aisha", "itil4-foundation", day(addDays(now, 40 - 3 * 365)), day(addDays(now, 40)));
  await must(reviewCertification(dbx, await actor("daniel"), itil.id, { intent: "verify" }, now));
  await record("ben", "aws-sysops", day(addDays(now, -30)), day(addDays(now, 3 * 365 - 30)));
  return idOf.size;
}

async function must<T>(p: Promise<Result<T>>): Promise<T> {
  const res = await p;
  if (res.kind !== "ok") throw new Error(`seed: certification step refused: ${JSON.stringify(res)}`);
  return res.value;
}
