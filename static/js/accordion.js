// Progressive enhancement: open the accordion section named in the URL fragment (#anchor),
// on load and when an in-page link changes the fragment. Without JavaScript the page still
// scrolls to the section and every section opens with a click, Enter or Space.
(function () {
  function openFromHash() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (malformed) {  // "#%E0%A4%A" names nothing on the page
      return;
    }
    var target = id && document.getElementById(id);
    // A section, or what is inside one: its nb anchor on the English page, a block's heading.
    var section = target && target.closest("details");
    if (section) {
      section.open = true;
      target.scrollIntoView();
    }
  }
  // Print every section, then restore the ones the reader had closed.
  var closedForPrint = [];
  function openAllForPrint() {
    closedForPrint = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    closedForPrint.forEach(function (d) { d.open = true; });
  }
  function restoreAfterPrint() {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  }
  document.addEventListener("DOMContentLoaded", openFromHash);
  window.addEventListener("hashchange", openFromHash);
  window.addEventListener("beforeprint", openAllForPrint);
  window.addEventListener("afterprint", restoreAfterPrint);
})();
