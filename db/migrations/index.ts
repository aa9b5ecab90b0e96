// Static list for kysely's Migrator: bundlers and tsx both resolve it, unlike a folder scan.
import type { Migration } from "kysely";
import * as m0001 from "./0001_people";
import * as m0002 from "./0002_evidence";
import * as m0003 from "./0003_appraisals";
import * as m0004 from "./0004_imports";
import * as m0005team from "./0005_team";
import * as m0006 from "./0006_skill_months";
import * as m0007 from "./0007_unique_constraints";
import * as m0008load from "./0008_team_load_index";
import * as m0009load from "./0009_load_months";
import * as m0010 from "./0010_hashed_session_ids";
import * as m0011identity from "./0011_ticket_identity";
import * as m0012versions from "./0012_versions";
import * as m0013certifications from "./0013_certifications";
import * as m0014catalogue from "./0014_skill_catalogue";
// issue 17, part 3 (360 feedback)
import * as m0015feedback from "./0015_feedback";
// issue 17, part 4 (ladder templates and tracks)
import * as m0016ladderTracks from "./0016_ladder_tracks";
// issue 17, point 6 (erasure of a person who has left)
import * as m0017erasure from "./0017_erasure";
// issue 16, point 5 (a comment or disagreement at acknowledgement)
import * as m0018ackComment from "./0018_acknowledgement_comment";
// issue 16, point 4 (remembered choices)
import * as m0019preferences from "./0019_preferences";
// issue 16, point 2 (dark mode)
import * as m0020theme from "./0020_theme";
// issue 16, point 9 (teams kept by admins)
import * as m0021teamRetired from "./0021_team_retired";
// issue 14, point 2 (mail through an outbox)
import * as m0022outbox from "./0022_outbox";
// issue 13, point 1 (time zones and working hours)
import * as m0023timeZones from "./0023_time_zones";
import * as m0024requestKind from "./0024_request_kind";
import * as m0025sourceVersion from "./0025_source_version";

export const migrations: Record<string, Migration> = {
  "0001_people": m0001,
  "0002_evidence": m0002,
  "0003_appraisals": m0003,
  "0004_imports": m0004,
  "0005_team": m0005team,
  "0006_skill_months": m0006,
  "0007_unique_constraints": m0007,
  "0008_team_load_index": m0008load,
  "0009_load_months": m0009load,
  "0010_hashed_session_ids": m0010,
  "0011_ticket_identity": m0011identity,
  "0012_versions": m0012versions,
  "0013_certifications": m0013certifications,
  "0014_skill_catalogue": m0014catalogue,
  // issue 17, part 3 (360 feedback)
  "0015_feedback": m0015feedback,
  // issue 17, part 4 (ladder templates and tracks)
  "0016_ladder_tracks": m0016ladderTracks,
  // issue 17, point 6 (erasure of a person who has left)
  "0017_erasure": m0017erasure,
  // issue 16, point 5 (a comment or disagreement at acknowledgement)
  "0018_acknowledgement_comment": m0018ackComment,
  // issue 16, point 4 (remembered choices)
  "0019_preferences": m0019preferences,
  // issue 16, point 2 (dark mode)
  "0020_theme": m0020theme,
  // issue 16, point 9 (teams kept by admins)
  "0021_team_retired": m0021teamRetired,
  // issue 14, point 2 (mail through an outbox)
  "0022_outbox": m0022outbox,
  // issue 13, point 1 (time zones and working hours)
  "0023_time_zones": m0023timeZones,
  // issue 13, point 5 (Jira service requests and tasks are not change requests)
  "0024_request_kind": m0024requestKind,
  // issue 13, point 5 (an older export never overwrites a newer one)
  "0025_source_version": m0025sourceVersion,
};
