// A link to a folded part of an admin page opens it: content health links to a programme's
// section as "…/change/#sections-3", and the section sits inside the folded "Sections" group
// with its text in a folded "Text and block" part (<details>, which a fragment does not open
// in every browser, and never the ones inside the target). This opens the <details> around
// the target and inside it, and the translation tab that holds it ("#id_title_en": the EN
// tab), then brings it into view and moves the keyboard focus there. modeltranslation makes
// its tabs when the page is ready, after this script has run: so this runs again on "load".
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
    const panel = target.closest(".ui-tabs-panel");
    if (panel?.getAttribute("aria-hidden") === "true") {
      document.querySelector(`.ui-tabs-nav a[href="#${CSS.escape(panel.id)}"]`)?.click();
    }
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  };

  openTarget();
  window.addEventListener("load", openTarget);
  window.addEventListener("hashchange", openTarget);
}
