// The export page's "Select all" box ticks or clears every column. django-import-export
// binds it with an inline onchange attribute, which our Content-Security-Policy (script-src
// 'self', config/csp.py) blocks: templates/admin/import_export/export.html has none, and
// this file binds it instead.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("select-all-toggle");
  if (!toggle) {
    return;
  }
  toggle.addEventListener("change", () => {
    for (const box of document.querySelectorAll(
      '.selectable-field-export-row input[type="checkbox"]',
    )) {
      box.checked = toggle.checked;
    }
  });
});
