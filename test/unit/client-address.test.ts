// Which address a request comes from (app/auth/client-address.server.ts): X-Forwarded-For only from a
// trusted proxy, the right-most hop that is not one.
import { describe, expect, it } from "vitest";
import {
  TrustedProxies,
  UNKNOWN_ADDRESS,
  isHttpsRequest,
  normalizeAddress,
  resolveClientAddress,
} from "../../app/auth/client-address.server";

const proxies = new TrustedProxies("10.0.0.0/8, 192.168.1.10, fd00::/8");
const none = new TrustedProxies("");

describe("client address", () => {
  it("is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.5", "1.2.3.4", proxies)).toBe("203.0.113.5");
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4", none)).toBe("10.0.0.2");
    expect(resolveClientAddress(null, "1.2.3.4", proxies)).toBe(UNKNOWN_ADDRESS);
  });

  it("behind trusted proxies is the right-most hop that is not one of them", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.5", proxies)).toBe("203.0.113.5");
    // the client wrote "6.6.6.6" itself; our proxies appended the real address after it
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.5, 192.168.1.10", proxies)).toBe("203.0.113.5");
    expect(resolveClientAddress("10.0.0.2", "10.1.1.1, 10.2.2.2", proxies)).toBe("10.1.1.1");
    expect(resolveClientAddress("10.0.0.2", "not-an-ip", proxies)).toBe("10.0.0.2");
    expect(resolveClientAddress("fd00::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
  });

  it("normalises IPv4-mapped IPv6 and ports", () => {
    expect(normalizeAddress("::ffff:10.0.0.2")).toBe("10.0.0.2");
    expect(normalizeAddress("203.0.113.5:4431")).toBe("203.0.113.5");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("evil")).toBeNull();
    expect(resolveClientAddress(normalizeAddress("::ffff:10.0.0.2"), "203.0.113.5", proxies)).toBe("203.0.113.5");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or a range", () => {
    expect(() => new TrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
    expect(() => new TrustedProxies("proxy.example")).toThrow(/TRUSTED_PROXIES/);
    expect(new TrustedProxies("loopback").has("127.0.0.1")).toBe(true);
  });

  it("believes X-Forwarded-Proto from a trusted proxy only", () => {
    const req = new Request("http://app.example/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(isHttpsRequest(req, { peerAddress: "10.0.0.2" }, proxies)).toBe(true);
    expect(isHttpsRequest(req, { peerAddress: "203.0.113.5" }, proxies)).toBe(false);
    expect(isHttpsRequest(new Request("https://app.example/"), {}, none)).toBe(true);
  });
});
