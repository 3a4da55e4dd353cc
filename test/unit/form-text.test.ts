import assert from "node:assert/strict";
import { decodeFormText } from "../../server/domain/form-text";
import { splitForm } from "../../server/http/import-body";

describe("the import form's body", () => {
  const body = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(fields).toString(), "latin1");

  it("decodes the small fields and keeps the text as it was sent", () => {
    const text = "1. jos\u00e9\n\nPosts: 3\n\nThey will ship it for sure & soon = 100%.";
    const { fields, text: encoded } = splitForm(body({ _csrf: "t0k+en/=", text, title: "Caf\u00e9 news" }));
    assert.deepEqual(fields, { _csrf: "t0k+en/=", title: "Caf\u00e9 news" });
    assert.ok(encoded);
    assert.doesNotMatch(encoded.toString("latin1"), /[&\n ]/, "still percent-encoded");
    assert.equal(decodeFormText(encoded), text);
  });

  it("has no text when the form sent none, and an empty one when it was left empty", () => {
    assert.equal(splitForm(body({ _csrf: "x" })).text, undefined);
    assert.equal(splitForm(body({ _csrf: "x", text: "" })).text?.length, 0);
  });

  it("refuses malformed percent-encoding", () => {
    assert.throws(() => decodeFormText(Buffer.from("%E2%82")), URIError);
  });
});
