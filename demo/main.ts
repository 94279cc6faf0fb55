// Placeholder demo: replaced by live <session-timeline>, <stitched-sessions> and
// <session-filter> examples once the elements exist.
const root = document.querySelector<HTMLElement>('#demo');
if (root) {
  const note = document.createElement('p');
  note.textContent = 'Elements coming: <session-timeline>, <stitched-sessions> and <session-filter>.';
  root.append(note);
}
