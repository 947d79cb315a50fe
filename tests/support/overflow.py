"""What sticks out of a page: elements wider than the viewport, content cut by a box, boxes that
scroll sideways without telling anyone (no visible cue, not reachable by keyboard, no name), and a
question (legend) of several lines drawn on its box's top border.

``problems(page)`` runs in the page and returns one line per problem, empty when the page fits.
A box that scrolls sideways is fine when it fits the viewport, can take the keyboard's focus
(``tabindex``), has an accessible name (``aria-label`` / ``aria-labelledby``) and shows a visible cue:
a hint drawn as the box's ``::before`` (the companion's "Geser ke samping ..." line) or a scroll
shadow (gradients that scroll with the content, ``background-attachment: local``: the blocks').
"""

from __future__ import annotations

CHECK_JS = r"""
() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const name = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim())
      text += '.' + el.className.trim().split(/\s+/).slice(0, 3).join('.');
    const words = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return words ? `${text} "${words}"` : text;
  };
  const shown = (el) => {
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
    }
    return true;
  };
  // The nearest ancestor that scrolls or clips sideways.
  const box = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x !== 'visible') return a;
    }
    return null;
  };
  const scrollers = new Set();
  const offenders = [];  // [element, problem], outermost first; what is inside one is not repeated
  const inside = (el) => offenders.some(([outer]) => outer.contains(el));
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || r.right <= 0) continue;  // visually hidden or parked off-screen
    if (!shown(el) || inside(el)) continue;
    const outer = box(el);
    if (outer) {
      const x = getComputedStyle(outer).overflowX;
      if (x === 'auto' || x === 'scroll') { scrollers.add(outer); continue; }
      const o = outer.getBoundingClientRect();
      if (r.right > o.right + 1 && getComputedStyle(el).position !== 'fixed') {
        offenders.push([el, `cut by ${name(outer).split(' ')[0]}: ${name(el).split(' ')[0]}`]);
        continue;
      }
    }
    if (r.right > width + 1)
      offenders.push([el, `wider than the ${width} px viewport: ${name(el).split(' ')[0]}`]);
  }
  // One line per kind of offender: "... (12 times, e.g. ...)".
  const seen = new Map();
  for (const [el, problem] of offenders) {
    const entry = seen.get(problem) || {count: 0, example: name(el), right: el.getBoundingClientRect().right};
    entry.count += 1;
    seen.set(problem, entry);
  }
  for (const [problem, {count, example, right}] of seen) {
    const times = count > 1 ? ` (${count} times)` : '';
    out.push(`${problem} ends at ${Math.round(right)} px${times}, e.g. ${example}`);
  }
  for (const el of scrollers) {
    if (el.scrollWidth <= el.clientWidth + 1 || !shown(el)) continue;
    const missing = [];
    if (el.tabIndex < 0) missing.push('keyboard focus (tabindex)');
    if (!el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) missing.push('a name');
    const hint = getComputedStyle(el, '::before');
    const hinted = !['none', 'normal', ''].includes(hint.content) && hint.display !== 'none';
    const style = getComputedStyle(el);
    const shadowed = style.backgroundImage.includes('gradient')
      && style.backgroundAttachment.includes('local');
    if (!hinted && !shadowed) missing.push('a visible cue');
    if (missing.length) out.push(`scrolls sideways without ${missing.join(', ')}: ${name(el)}`);
  }
  // A legend of several lines must sit inside its box, not on the top border.
  for (const fieldset of document.body.querySelectorAll('fieldset')) {
    const legend = fieldset.querySelector(':scope > legend');
    if (!legend || !shown(fieldset)) continue;
    const top = parseFloat(getComputedStyle(fieldset).borderTopWidth) || 0;
    const text = getComputedStyle(legend);
    const lineHeight = parseFloat(text.lineHeight) || parseFloat(text.fontSize) * 1.2;
    const l = legend.getBoundingClientRect(), f = fieldset.getBoundingClientRect();
    if (top > 0 && l.height > lineHeight * 1.5 && l.top < f.top + top - 0.5)
      out.push(`a legend of several lines on its box's border: ${name(legend)}`);
  }
  if (document.documentElement.scrollWidth > width + 1) {
    const culprits = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => el.getBoundingClientRect().right > width + 1).slice(-3).map(name);
    const wide = document.documentElement.scrollWidth;
    out.push(`the page scrolls sideways: ${wide} px in ${width} px (${culprits.join('; ')})`);
  }
  return out;
}
"""


def problems(page) -> list[str]:
    """Every overflow problem of the page as it is now (see the module's docstring)."""
    return page.evaluate(CHECK_JS)
