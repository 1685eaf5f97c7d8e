// The rich-text editor's toolbar in the admin's language.
//
// django-prose-editor 0.28 names most toolbar buttons in fixed English (editor.js:
// material("format_bold", "bold") sets title and aria-label to "bold"), never through
// window.gettext as it does its dialogs. This puts each button's name through window.gettext
// as the buttons appear; config/admin_strings.py (TOOLBAR_STRINGS) serves the translations.
// Without a translation a name stays as it was. The block-type menu's choices ("Paragraph",
// "Heading 3": elements of their own kind, <p> and <h3>, with that text) are translated too.
"use strict";
{
  const HEADING = /^(heading) (\d)$/i;

  const translated = (name) => {
    const heading = HEADING.exec(name);
    if (heading) {
      return window.interpolate(window.gettext(`${heading[1]} %s`), [heading[2]]);
    }
    return window.gettext(name);
  };

  const CHOICES = ".prose-menubar :is(p, h1, h2, h3, h4, h5, h6):not([data-relabelled])";

  const relabel = (root) => {
    if (typeof window.gettext !== "function") {
      return;
    }
    for (const button of root.querySelectorAll(".prose-menubar__button[title]")) {
      if (button.dataset.relabelled) {
        continue;
      }
      const name = translated(button.title);
      button.title = name;
      button.setAttribute("aria-label", name);
      button.dataset.relabelled = "1";
    }
    for (const choice of root.querySelectorAll(CHOICES)) {
      if (choice.childElementCount === 0) {
        choice.textContent = translated(choice.textContent);
      }
      choice.dataset.relabelled = "1";
    }
  };

  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          relabel(node.parentNode || node);
        }
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => relabel(document));
}
