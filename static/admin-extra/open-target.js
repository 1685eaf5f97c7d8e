// A link to a folded part of an admin page opens it: content health links to a programme's
// section as "…/change/#sections-3", and the section sits inside the folded "Sections" group
// with its text in a folded "Text and block" part (<details>, which a fragment does not open
// in every browser, and never the ones inside the target). This opens the <details> around
// the target and inside it, then brings it into view and moves the keyboard focus there.
"use strict";
{
  const openTarget = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) {
      return;
    }
    for (let element = target.parentElement; element; element = element.parentElement) {
      if (element.tagName === "DETAILS") {
        element.open = true;
      }
    }
    for (const details of target.querySelectorAll("details")) {
      details.open = true;
    }
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  };

  openTarget();
  window.addEventListener("hashchange", openTarget);
}
