// Resolving and merging claims through the editor's forms: the refusals that keep the record straight.
import assert from "node:assert/strict";
import { testApp } from "../support/app";
import { demoDb, rowCount } from "../support/db";
import { makeClaim, makeEvent, makeResolvedClaim } from "../support/factories";
import { agentAs, csrfFrom, postForm } from "../support/session";

describe("resolving and merging claims", () => {
  it("citing the same event twice resolves once; citing an unknown event is a 422, not a 500", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claim = makeClaim(db, { text: "Example Corp ships the widget before 2020-01-01", resolveBy: "2020-01-01" });
    const event = String(makeEvent(db));
    const unknown = await postForm(editor, `/claims/${claim}/resolve`, `/claims/${claim}/resolve`, {
      verdict: "NO",
      basis: "lapse",
      eventIds: "99999",
      rationale: "It lapsed without the widget.",
    });
    assert.equal(unknown.status, 422);
    assert.match(unknown.text, /One of the cited events does not exist/);
    const twice = await postForm(editor, `/claims/${claim}/resolve`, `/claims/${claim}/resolve`, {
      verdict: "NO",
      basis: "event",
      eventIds: [event, event],
      rationale: "Cited twice by mistake.",
    });
    assert.equal(twice.status, 303);
    assert.equal(
      db
        .prepare(
          "SELECT count(*) FROM resolution_events re JOIN resolutions r ON r.id = re.resolution_id WHERE r.claim_id = ?",
        )
        .pluck()
        .get(claim),
      1,
    );
  });

  it("a double-submitted resolve form adds one resolution, and the second submit says why it was refused", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const { claimId, eventId } = makeResolvedClaim(db, { verdict: "YES" });
    const page = await editor.get(`/claims/${claimId}/resolve`);
    const fields = {
      _csrf: csrfFrom(page.text),
      expected: /name="expected" value="(\d*)"/.exec(page.text)?.[1] ?? "",
      verdict: "NO",
      basis: "event",
      eventIds: String(eventId),
      rationale: "Suppose the deal fell through.",
    };
    const before = rowCount(db, "resolutions");
    await editor.post(`/claims/${claimId}/resolve`).type("form").send(fields).expect(303);
    const again = await editor.post(`/claims/${claimId}/resolve`).type("form").send(fields).expect(422);
    assert.match(again.text, /was resolved NO while the form was open/);
    assert.equal(rowCount(db, "resolutions"), before + 1);
  });

  it("a claim cannot be merged into a resolved one", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const open = makeClaim(db, { text: "Example Corp ships the widget before 2030-01-01", resolveBy: "2030-01-01" });
    const resolved = makeResolvedClaim(db).claimId;
    const res = await postForm(editor, `/claims/${open}`, `/claims/${open}/merge`, { targetId: String(resolved) });
    assert.equal(res.status, 422);
    assert.match(res.text, /already resolved/);
  });
});
