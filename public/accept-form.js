/* global document */
// Progressive enhancement for the speculation queue (views/editor/candidates.ejs): when the editor
// turns the stance round, the number follows (10 % "against" becomes 90 % "for"), so the two agree.
// Without this script the server refuses a contradiction with the same advice; nothing depends on it.
// Choosing "+ a new claim (write it below)" opens the "New claim" section and puts the cursor in it
// (without the script the server sends the card back with the section open and says where to write).
document.querySelectorAll("form[data-accept]").forEach((form) => {
  const list = form.querySelector("select[name=claimId]");
  const section = form.querySelector("details.new-claim");
  if (list && section) {
    list.addEventListener("change", () => {
      if (list.value !== "new") return;
      section.open = true;
      const text = section.querySelector("input[name=text]");
      if (text) text.focus();
    });
  }
  const box = form.querySelector("input[name=probability]");
  if (!box) return;
  form.querySelectorAll("input[name=stance]").forEach((radio) => {
    radio.addEventListener("change", () => {
      const n = Number(String(box.value).replace(/\s*%$/, ""));
      if (!Number.isFinite(n) || n <= 0 || n >= 100) return;
      const lean = n > 50 ? "for" : n < 50 ? "against" : "undecided";
      if (radio.value === lean) return;
      if (radio.value === "undecided") box.value = "50";
      else if (lean !== "undecided") box.value = String(Math.round((100 - n) * 100) / 100);
    });
  });
});
