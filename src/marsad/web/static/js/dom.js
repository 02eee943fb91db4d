// Building DOM nodes safely. Article data (titles, text, names) is untrusted: it only ever
// becomes text nodes, never markup: nothing in the dashboard parses a string as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name)) throw new Error(`event handler attributes are not allowed: ${name}`);
    if (name === "href" || name === "src") {
      node.setAttribute(name, safeUrl(value) ?? "#");
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  return append(node, children);
}

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  return append(node, children);
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

// Only http(s) links and this app's own relative URLs; "javascript:", "data:" and the
// like come back as null, and callers show such a URL as plain text.
export function safeUrl(value) {
  const text = String(value ?? "").trim();
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  if (text.startsWith("?") || text.startsWith("#")) return text;
  try {
    const url = new URL(text, window.location.origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function show(node, visible) {
  node.hidden = !visible;
}
