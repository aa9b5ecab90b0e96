// The IANA zones a select offers, from the server's own ICU data (the browser's list can differ: computed
// here and sent with the page, so server and client render the same options).
export interface ZoneOption {
  value: string;
  label: string;
  group: string;
}

/** ICU still lists some zones by their old names: offer the names people know (both are valid IANA ids). */
const RENAMED: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Europe/Kiev": "Europe/Kyiv",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Katmandu": "Asia/Kathmandu",
  "America/Godthab": "America/Nuuk",
  "Africa/Asmera": "Africa/Asmara",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Enderbury": "Pacific/Kanton",
  "America/Coral_Harbour": "America/Atikokan",
};

let cached: ZoneOption[] | null = null;

function all(): ZoneOption[] {
  if (!cached) {
    const zones = Intl.supportedValuesOf("timeZone");
    cached = [
      { value: "UTC", label: "UTC", group: "" },
      ...zones
        .map((z) => RENAMED[z] ?? z)
        .filter((z) => z.includes("/"))
        .map((z) => ({ value: z, label: z.slice(z.indexOf("/") + 1).replaceAll("_", " "), group: z.slice(0, z.indexOf("/")) }))
        .sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label)),
    ];
  }
  return cached;
}

/** Every zone, by region; `selected` added (under its region) when ICU lists it under another name (Asia/Kolkata). */
export function timeZoneOptions(selected: string): ZoneOption[] {
  const list = all();
  if (list.some((o) => o.value === selected)) return list;
  const slash = selected.indexOf("/");
  const extra = { value: selected, label: selected.slice(slash + 1).replaceAll("_", " "), group: selected.slice(0, slash) };
  const at = list.findIndex((o) => o.group === extra.group);
  return at < 0 ? [...list, extra] : [...list.slice(0, at), extra, ...list.slice(at)];
}
