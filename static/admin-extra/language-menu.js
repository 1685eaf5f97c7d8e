// modeltranslation's menu above a change form ("nb"/"en": which tab every translated field
// shows) has no name a screen reader can read, and starts on the first language although the
// tabs open on the admin's language. This names it and keeps it on the tab that is open. The
// menu is made by modeltranslation's jQuery "ready" code, after this script has run: so it is
// looked for as it appears.
"use strict";
{
  const name = () =>
    window.gettext ? window.gettext("Language of the fields") : "Language of the fields";

  const fix = (menu) => {
    menu.setAttribute("aria-label", name());
    const open = document.querySelector(".ui-tabs .ui-tabs-active");
    if (open) {
      menu.value = String([...open.parentElement.children].indexOf(open));
    }
  };

  const menu = () => document.getElementById("modeltranslation-main-switch");
  if (menu()) {
    fix(menu());
  } else if (document.body.classList.contains("change-form")) {
    const observer = new MutationObserver(() => {
      if (menu()) {
        observer.disconnect();
        fix(menu());
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener("load", () => setTimeout(() => observer.disconnect(), 5000));
  }
}
