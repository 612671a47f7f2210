import { useSignal } from "@preact/signals";
import { CHAT_LIMITS } from "../../server/events";
import { activeRoom } from "../state/chat";
import { messageProblem, notifyTyping, sendMessage, socket } from "../state/connection";

/** Where messages are written: Enter sends, Shift+Enter adds a line. */
export function Composer() {
  const draft = useSignal("");
  const length = draft.value.trim().length;
  const over = length > CHAT_LIMITS.maxMessageLength;
  const room = activeRoom.value;
  const offline = socket.value?.status.value !== "connected";
  // the contract's schema decides (the server checks the same one): refused here, never sent
  const problem = length === 0 ? null : messageProblem(draft.value);

  function submit() {
    if (draft.value.trim() === "" || problem !== null) return;
    if (sendMessage(draft.value)) draft.value = "";
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label class="visually-hidden" for="composer">
        Message #{room}
      </label>
      <textarea
        id="composer"
        data-testid="composer"
        class="composer__input"
        rows={1}
        placeholder={`Message #${room}`}
        value={draft.value}
        aria-describedby="composer-count"
        aria-invalid={problem !== null}
        onInput={(event) => {
          draft.value = event.currentTarget.value;
          if (draft.value.trim()) notifyTyping();
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      <span
        id="composer-count"
        data-testid="composer-count"
        class={`composer__count${over ? " composer__count--over" : ""}`}
        aria-live="polite"
      >
        {over
          ? `${problem ?? "Message is too long."} Shorten it to send.`
          : length > CHAT_LIMITS.maxMessageLength - 200
            ? `${length.toLocaleString("en-US")} / ${CHAT_LIMITS.maxMessageLength.toLocaleString("en-US")}`
            : ""}
      </span>
      <button
        class="button button--primary composer__send"
        data-testid="composer-send"
        type="submit"
        disabled={length === 0 || problem !== null}
        title={
          problem ??
          (offline ? "Offline: the message will be sent when the connection is back" : undefined)
        }
      >
        Send
      </button>
    </form>
  );
}
