// A link to a folded part of an admin page opens it: content health links to a programme's
// section as "…/change/#sections-3", and the section sits inside the folded "Sections" group
// with its text in a folded "Text and block" part (<details>, which a fragment does not open
// in every browser, and never the ones inside the target). This opens the <details> around
// the target and inside it, then brings it into view and moves the keyboard focus there.
"use strict";
{
  const targetOf = (hash) => {
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return null; // a malformed hash such as "#%E0"
    }
  };

  const openTarget = () => {
    const target = window.location.hash && targetOf(window.location.hash);
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
