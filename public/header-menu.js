/* global document */
// Progressive enhancement for the phone header's Menu (views/layout/_nav.ejs), a native <details>
// that opens and closes without this script. With it, an open Menu never covers what comes next:
// Escape closes it and gives the focus back to its "Menu", and it closes when the focus leaves it
// (Tab past its last link) or a click lands outside it.
const menu = document.querySelector("header.site details.menu");
const summary = menu?.querySelector("summary");
if (menu && summary) {
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open) return;
    menu.open = false;
    summary.focus();
    event.preventDefault();
  });
  menu.addEventListener("focusout", (event) => {
    // relatedTarget is where the focus went; none (a click on nothing focusable) is the click's case.
    if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
}
