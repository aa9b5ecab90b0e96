// Shapes of the import parsing layer (pure: no database, no Request, no clock).
import type { Impact, Outcome, Priority } from "../types";
import type { DateOrder, DateSample } from "./dates";

export type Format = "servicenow" | "jira" | "pagerduty";

export interface BusinessHours {
  /** first business hour (0-23), inclusive */
  startHour: number;
  /** end of business hours (1-24), exclusive */
  endHour: number;
  /** Saturday and Sunday are outside business hours */
  weekdaysOnly: boolean;
}

export interface ImportOptions {
  businessHours: BusinessHours;
  /** how numeric dates such as 03/04/2024 are read: "auto" (the default) decides from the file's values */
  dateOrder?: DateOrder;
  /** IANA zone of the file's times that carry no UTC offset (default "UTC"): read in it and stored in UTC */
  timeZone?: string;
  /** Jira resolutions that count as work done, any case (DEFAULT_JIRA_DONE_RESOLUTIONS unless the admin set them) */
  jiraDoneResolutions?: readonly string[];
}

export interface RowError {
  /** 1-based line number where the data row starts in the file (header = row 1) */
  row: number;
  /** the row's ticket key (number / Issue key / incident number) when known */
  ref: string | null;
  message: string;
}

export interface ImportItem {
  sourceSystem: Format;
  externalRef: string;
  title: string;
  /** evidence kind key (see DEFAULT_KINDS) */
  kind: string;
  /** latest state as written in the source */
  state: string;
  resolved: boolean;
  /** who did it, most specific first; "?" and empty removed; deduplicated */
  handles: string[];
  /** "YYYY-MM-DDTHH:MM:00" in UTC: the value's own offset honoured, or read in the file's zone (ImportOptions.timeZone) */
  startedAt: string | null;
  resolvedAt: string | null;
  priority: Priority | null;
  impact: Impact | null;
  outcome: Outcome | null;
  afterHours: boolean;
  afterHoursMinutes: number;
  reassignmentCount: number;
  reopenCount: number;
  problemRef: string | null;
  changeRef: string | null;
  resolutionCode: string | null;
  emergency: boolean;
  addsFunctionality: boolean;
  notes: string | null;
  /** the source's resolution when it says the work was not done (Jira "Duplicate", "Won't Do"…): the ticket is skipped */
  notDoneResolution: string | null;
  /** the ticket's version in the source, when the export says: an older one never overwrites a newer one */
  sourceVersion?: SourceVersion;
  /** source row numbers (same numbering as RowError.row) collapsed into this item */
  rows: number[];
}

/** A ticket's version as its source tool counts it. */
export interface SourceVersion {
  /** modifications so far (ServiceNow's sys_mod_count): rises with every change */
  modCount: number | null;
  /** last update, "YYYY-MM-DDTHH:MM:00" in UTC (sys_updated_at, Jira's Updated) */
  updatedAt: string | null;
}

/** How a file's numeric dates were read, for the preview to say. */
export interface DatesRead {
  order: "dmy" | "mdy";
  /** "values": the file's own values showed it; "chosen": the uploader said; "assumed": neither (day first, as exported by default) */
  decided: "values" | "chosen" | "assumed";
  /** values that show the order (first number over 12 for day first, second for month first) */
  evidence: DateSample[];
  /** when assumed: values that read as a different date each way, both ways */
  ambiguous: (DateSample & { dayFirst: string | null; monthFirst: string | null })[];
  /** day-first and month-first values in one file: those of the other order are row errors */
  mixed: boolean;
}

/** How a file's times became instants, for the preview to say. */
export interface TimesRead {
  zone: string;
  /** distinct values that carried their own UTC offset ("Z", "+02:00"): that instant, whatever the zone */
  withOffset: number;
  /** distinct values without one: read as wall-clock times in `zone` */
  local: number;
}

export interface ImportResult {
  format: Format | null;
  /** whole-file problem (unknown shape, broken quoting…); null when the file could be read */
  error: string | null;
  /** data rows read (header and blank lines excluded), including rows that gave an error */
  rowsRead: number;
  items: ImportItem[];
  rowErrors: RowError[];
  /** null when the file has no numeric day/month dates (ISO 8601, month names) */
  dates: DatesRead | null;
  /** the zone its times without an offset were read in, and how many values had an offset and how many not */
  times: TimesRead;
}

export type UploadCheck = { ok: true; text: string } | { ok: false; message: string };
