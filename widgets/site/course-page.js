// What every page of the book needs from the course, as a file (the pages carry no inline code,
// so they work under a strict Content-Security-Policy).
(() => {
  // The theme's "Print to PDF" button (its inline onclick became data-course-print at build time).
  for (const button of document.querySelectorAll("[data-course-print]")) {
    button.addEventListener("click", () => window.print());
  }
})();
