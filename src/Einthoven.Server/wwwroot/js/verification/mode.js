// The viewer's verification mode: a session over the cardiologist's set, the physician lane it draws, and the panel
// with the actions; taps pick a beat and place the cursor, shift-drags (or "Select range") select a time range.
import { physicianLane } from './overlay.js';
import { verificationPanel } from './panel.js';
import { createSession } from './session.js';

/** detail: the answer of POST /api/verification/requests/{id}/sets (the cardiologist's set with its beats). */
export function verificationMode(detail) {
  let panel = null;
  let viewer = null;
  const session = createSession(detail, { onChange: () => panel?.sync() });
  const overlay = {
    draw: physicianLane(session),
    onKey: e => panel?.onKey(e) ?? false,
    onTap: t => session.pick(t),
    onHover: t => { session.setCursor(t); viewer?.api.redraw(); },
    onRange: (from, to) => {
      viewer?.api.setTool('pan');
      session.selectRange(from, to);
    },
  };
  return {
    session,
    overlay,
    /** Creates the panel once the viewer exists (the panel pans it to the current beat). */
    attach(v) {
      viewer = v;
      panel = verificationPanel({ session, viewer });
      return panel;
    },
  };
}
