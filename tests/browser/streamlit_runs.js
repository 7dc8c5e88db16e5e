// Installed in every test page before Streamlit's own code (context.add_init_script): notes, in the
// order the page sees them, each script run the page asks for and each run the server starts and
// finishes, so that wait_idle() can wait for "the run my last action asked for has finished" instead
// of sleeping (window.__academyIdle, below). Streamlit's websocket carries protobuf messages; only
// their top-level field numbers are read here (streamlit/proto, Streamlit 1.67):
//   BackMsg.rerun_script = 11        the page asks for a run (a widget changed, a page was opened)
//   ForwardMsg.new_session = 4       the server starts a run (a full one or a fragment's)
//   ForwardMsg.script_finished = 6   it ended; status 2 (FINISHED_EARLY_FOR_RERUN) means another follows
(() => {
  if (window.__academyRuns) return;
  const RERUN_SCRIPT = 11;
  const NEW_SESSION = 4;
  const SCRIPT_FINISHED = 6;
  const FINISHED_EARLY_FOR_RERUN = 2;
  const runs = { seq: 0, requested: 0, started: 0, finished: 0, opened: 0, frames: 0, token: null };
  Object.defineProperty(window, "__academyRuns", { value: runs });

  const bytesOf = (data) => {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return null;
  };

  // The top-level fields of a protobuf message, as [field number, varint value or null].
  const fields = (bytes) => {
    const out = [];
    let i = 0;
    const varint = () => {
      let value = 0;
      let scale = 1;
      let byte;
      do {
        byte = bytes[i++];
        value += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const key = varint();
      const number = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 0) out.push([number, varint()]);
      else if (wire === 2) {
        const length = varint();
        i += length;
        out.push([number, null]);
      } else if (wire === 1 || wire === 5) {
        i += wire === 1 ? 8 : 4;
        out.push([number, null]);
      } else break; // groups: Streamlit's messages have none
    }
    return out;
  };

  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    const bytes = bytesOf(data);
    if (bytes && fields(bytes).some(([number]) => number === RERUN_SCRIPT)) runs.requested = ++runs.seq;
    return send.call(this, data);
  };

  class WatchedWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => {
        runs.opened += 1;
      });
      this.addEventListener("message", (event) => {
        const bytes = bytesOf(event.data);
        if (!bytes) return;
        for (const [number, value] of fields(bytes)) {
          if (number === NEW_SESSION) runs.started = ++runs.seq;
          if (number === SCRIPT_FINISHED && value !== FINISHED_EARLY_FOR_RERUN) runs.finished = ++runs.seq;
        }
      });
    }
  }
  window.WebSocket = WatchedWebSocket;

  // True once the app has been idle on two animation frames in a row (since a new `token`): connected,
  // the last run asked for started and finished, no stale, loading or status element shown, and no
  // animation or transition under way that ends (an expander opening, a list fading in: a click or a
  // key aimed at something still moving can miss). The second frame lets React draw the last messages.
  const BUSY = '[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]';
  const ends = (animation) => animation.effect?.getComputedTiming().endTime !== Infinity;
  const moving = () => document.getAnimations().some((a) => a.playState === "running" && ends(a));
  Object.defineProperty(window, "__academyIdle", {
    value: (token) => {
      const app = document.querySelector('[data-testid="stApp"]');
      const idle =
        !!app &&
        app.dataset.testConnectionState === "CONNECTED" &&
        app.dataset.testScriptState === "notRunning" &&
        runs.started > runs.requested &&
        runs.finished > runs.started &&
        !document.querySelector(BUSY) &&
        !moving();
      if (runs.token !== token) {
        runs.token = token;
        runs.frames = 0;
      }
      runs.frames = idle ? runs.frames + 1 : 0;
      return runs.frames >= 2;
    },
  });
})();
