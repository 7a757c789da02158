// Writes to the page that a live run repeats many times a second.

/**
 * Sets an element's text only when it changes: each write replaces the text node and makes the browser lay the page
 * out and paint it again, and a live run rewrites the same labels on every frame.
 * @param {Element} element @param {string} text
 */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}
