// TRUST_PROXY as the README documents it: "1" means one proxy hop, not the address 0.0.0.1.
import assert from "node:assert/strict";
import { trustProxySetting } from "../../server/app";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";

describe("TRUST_PROXY", () => {
  it("reads a number of hops, true or false, or addresses and names", () => {
    assert.equal(trustProxySetting("1"), 1);
    assert.equal(trustProxySetting(" 2 "), 2);
    assert.equal(trustProxySetting("true"), true);
    assert.equal(trustProxySetting("false"), false);
    assert.equal(trustProxySetting("loopback"), "loopback");
    assert.equal(trustProxySetting("10.0.0.1, 10.0.0.2"), "10.0.0.1, 10.0.0.2");
  });

  it("TRUST_PROXY=1 makes the app trust the one proxy in front of it (any address, one hop)", () => {
    const before = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = "1";
    try {
      const trust = testApp(emptyDb()).get("trust proxy fn") as (address: string, hop: number) => boolean;
      assert.equal(trust("127.0.0.1", 0), true, "the proxy next to the app");
      assert.equal(trust("198.51.100.9", 0), true, "wherever it is");
      assert.equal(trust("203.0.113.7", 1), false, "but not a second hop");
    } finally {
      if (before === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = before;
    }
  });
});
