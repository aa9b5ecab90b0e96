// Clients for load and concurrency tests over real HTTP: fetch with `redirect: "manual"`, each session's
// cookies kept by hand, every request counted against one budget (a deadline and a request cap) and
// tallied by kind and status. A status the kind does not expect, a 409 whose message is not the race it
// is allowed to lose, and a network error are recorded as errors, with the start of the answer.

export interface Reply {
  status: number;
  location: string;
  text: string;
  headers: Headers;
}

export interface TrafficOptions<K extends string> {
  baseUrl: string;
  /** the statuses each kind of request may answer */
  expected: Record<K, number[]>;
  /** what an expected 409 of this kind must say */
  conflicts?: Partial<Record<K, RegExp>>;
  durationMs: number;
  maxRequests: number;
  /** per request; default 30 s */
  timeoutMs?: number;
}

const oneLine = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);

export class Traffic<K extends string> {
  readonly errors: string[] = [];
  issued = 0;
  private tally = new Map<K, Map<string, number>>();
  private latency = new Map<K, number[]>();
  private startedAt = 0;
  private deadline = Number.POSITIVE_INFINITY;

  constructor(readonly opts: TrafficOptions<K>) {}

  /** Starts the clock: `more()` turns false after durationMs (requests sent before it are unbounded). */
  start() {
    this.startedAt = Date.now();
    this.deadline = this.startedAt + this.opts.durationMs;
  }

  seconds(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  /** Whether a loop may send another request. */
  more(): boolean {
    return Date.now() < this.deadline && this.issued < this.opts.maxRequests;
  }

  count(kind: K, status?: number | "network"): number {
    const byStatus = this.tally.get(kind);
    if (!byStatus) return 0;
    if (status !== undefined) return byStatus.get(String(status)) ?? 0;
    return [...byStatus.values()].reduce((a, b) => a + b, 0);
  }

  /** [kind, status, n] for every status seen. */
  entries(): [K, string, number][] {
    return [...this.tally].flatMap(([kind, m]) => [...m].map(([status, n]) => [kind, status, n] as [K, string, number]));
  }

  private add(kind: K, status: string) {
    const m = this.tally.get(kind) ?? new Map<string, number>();
    m.set(status, (m.get(status) ?? 0) + 1);
    this.tally.set(kind, m);
  }

  async send(who: string, kind: K, path: string, init: RequestInit): Promise<Reply | null> {
    this.issued++;
    const t0 = performance.now();
    const what = `${who} ${kind} ${init.method ?? "GET"} ${path}`;
    try {
      const res = await fetch(this.opts.baseUrl + path, {
        ...init,
        redirect: "manual",
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
      const text = await res.text();
      this.latency.set(kind, [...(this.latency.get(kind) ?? []), performance.now() - t0]);
      this.add(kind, String(res.status));
      if (!this.opts.expected[kind].includes(res.status)) this.errors.push(`${what} → ${res.status}: ${oneLine(text)}`);
      else if (res.status === 409 && this.opts.conflicts?.[kind] && !this.opts.conflicts[kind]!.test(text))
        this.errors.push(`${what} → 409 for another reason: ${oneLine(text)}`);
      return { status: res.status, location: res.headers.get("location") ?? "", text, headers: res.headers };
    } catch (e) {
      this.add(kind, "network");
      this.errors.push(`${what} → network error: ${(e as Error).message} ${(e as { cause?: Error }).cause?.message ?? ""}`);
      return null;
    }
  }

  /** "create 62×302 (p50 258 ms, max 1139 ms), review 30×302/8×409 (…), …" */
  summary(): string {
    return [...this.tally]
      .map(([kind, m]) => {
        const xs = [...(this.latency.get(kind) ?? [])].sort((a, b) => a - b);
        const ms = xs.length
          ? ` (p50 ${Math.round(xs[Math.floor(xs.length / 2)]!)} ms, max ${Math.round(xs[xs.length - 1]!)} ms)`
          : "";
        return `${kind} ${[...m].map(([status, n]) => `${n}×${status}`).join("/")}${ms}`;
      })
      .join(", ");
  }

  /** "200×76 302×439 409×39" over all kinds. */
  statuses(): string {
    const all = new Map<string, number>();
    for (const [, status, n] of this.entries()) all.set(status, (all.get(status) ?? 0) + n);
    return [...all]
      .sort()
      .map(([s, n]) => `${s}×${n}`)
      .join(" ");
  }
}

/**
 * One browser (or one integration): its own cookies, its requests tallied on the shared traffic. Its posts
 * carry what the app's pages send (ADR 013): a same-origin Origin and the session's anti-CSRF token, read
 * from the root loader's data after sign-in.
 */
export class Session<K extends string> {
  private jar = new Map<string, string>();
  private csrf: string | null = null;
  constructor(
    private traffic: Traffic<K>,
    readonly who: string,
  ) {}

  private keep(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const gone = attrs.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now()),
      );
      if (gone) this.jar.delete(name);
      else this.jar.set(name, pair!.slice(eq + 1).trim());
    }
  }

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async send(kind: K, path: string, init: RequestInit = {}): Promise<Reply | null> {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set("Cookie", this.cookieHeader());
    if ((init.method ?? "GET").toUpperCase() !== "GET") {
      if (!headers.has("Origin")) headers.set("Origin", new URL(this.traffic.opts.baseUrl).origin);
      if (this.csrf && !headers.has("X-CSRF-Token")) headers.set("X-CSRF-Token", this.csrf);
    }
    const reply = await this.traffic.send(this.who, kind, path, { ...init, headers });
    if (reply) this.keep(reply.headers);
    return reply;
  }

  post(kind: K, path: string, form: Record<string, string>) {
    return this.send(kind, path, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  async signIn(kind: K, email: string, password: string): Promise<this> {
    const r = await this.post(kind, "/login", { email, password });
    if (r?.status !== 302 || !this.jar.size) throw new Error(`sign-in as ${email} failed: ${r?.status}`);
    // Not counted against the traffic: what the first page would hand the browser.
    const root = await fetch(`${this.traffic.opts.baseUrl}/?_data=root`, { headers: { Cookie: this.cookieHeader() } });
    this.csrf = ((await root.json()) as { csrf?: string | null }).csrf ?? null;
    return this;
  }
}
