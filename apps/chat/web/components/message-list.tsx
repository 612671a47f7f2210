import { useLayoutEffect, useRef } from "preact/hooks";
import { activeMessages, activeRoom } from "../state/chat";
import { MessageItem } from "./message-item";

/** The conversation of the active room; keeps the newest message in view while at the bottom. */
export function MessageList() {
  const scroller = useRef<HTMLDivElement>(null);
  const stuckToBottom = useRef(true);
  const messages = activeMessages.value;
  const room = activeRoom.value;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stuckToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, room]);

  useLayoutEffect(() => {
    stuckToBottom.current = true;
  }, [room]);

  return (
    <div
      class="messages"
      ref={scroller}
      onScroll={(event) => {
        const el = event.currentTarget;
        stuckToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {messages.length === 0 ? (
        <div class="messages__empty">
          <p class="messages__empty-title">This is the start of #{room}.</p>
          <p>Say hello — everyone in the room sees it instantly.</p>
        </div>
      ) : null}
      <ol class="messages__list" role="log" aria-live="polite" aria-label={`Messages in #${room}`}>
        {messages.map((message, i) => (
          <MessageItem key={message.key} message={message} previous={messages[i - 1]} />
        ))}
      </ol>
    </div>
  );
}
