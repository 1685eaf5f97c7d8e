// A link to a folded part of an admin page opens it: content health links to a programme's
// section as "…/change/#sections-3", and the section sits inside the folded "Sections" group
// with its text in a folded "Text and block" part (<details>, which a fragment does not open
// in every browser, and never the ones inside the target). This opens the <details> around
// the target and inside it, and the translation tab that holds it ("#id_lead_en": the EN
// tab), then brings it into view and moves the keyboard focus there. modeltranslation puts
// its fields ("mt") into tabs when the page is ready, after this script has run: such a
// target is opened once it is in its tab.
"use strict";
{
  const targetOf = (hash) => {
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return null; // a malformed hash such as "#%E0"
    }
  };

  const open = (target) => {
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
    if (target.tabIndex < 0) {
      target.tabIndex = -1; // a section's form: focusable by script, not in the tab order
    }
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  };

  const openTarget = () => {
    const target = window.location.hash && targetOf(window.location.hash);
    if (!target) {
      return;
    }
    if (!target.classList.contains("mt") || target.closest(".ui-tabs-panel")) {
      open(target);
      return;
    }
    const observer = new MutationObserver(() => {
      if (target.closest(".ui-tabs-panel")) {
        observer.disconnect();
        open(target);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  };

  openTarget();
  window.addEventListener("hashchange", openTarget);
}
