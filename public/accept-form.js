/* global document */
// Progressive enhancement for the speculation queue (views/editor/candidates.ejs): when the editor
// turns the stance round, the number follows (10 % "against" becomes 90 % "for"), so the two agree.
// Without this script the server refuses a contradiction with the same advice; nothing depends on it.
document.querySelectorAll("form[data-accept]").forEach((form) => {
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
