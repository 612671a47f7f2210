import { dismiss, retry } from "../state/connection";
import type { UiMessage } from "../state/message-list";
import { nickname } from "../state/session";
import { hue } from "./member-list";

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const fullTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** Messages from one author within 5 minutes are grouped under one header. */
const GROUP_MS = 5 * 60_000;

export function MessageItem({
  message,
  previous,
}: {
  message: UiMessage;
  previous: UiMessage | undefined;
}) {
  const mine = message.author === nickname.value;
  const grouped =
    previous !== undefined &&
    previous.author === message.author &&
    previous.status === "delivered" &&
    message.ts - previous.ts < GROUP_MS;
  return (
    <li
      class={`message${mine ? " message--mine" : ""}${grouped ? " message--grouped" : ""} message--${message.status}`}
      data-testid="message"
      data-status={message.status}
      data-id={message.id}
      data-author={message.author}
    >
      {grouped ? (
        <span class="visually-hidden">{message.author}: </span>
      ) : (
        <>
          <span class="avatar" style={{ "--hue": hue(message.author) }} aria-hidden="true">
            {message.author.slice(0, 1).toUpperCase()}
          </span>
          <div class="message__meta">
            <span class="message__author">{message.author}</span>
            <time
              class="message__time"
              dateTime={new Date(message.ts).toISOString()}
              title={fullTime.format(message.ts)}
            >
              {time.format(message.ts)}
            </time>
          </div>
        </>
      )}
      <p class="message__text">{message.text}</p>
      <DeliveryState message={message} />
    </li>
  );
}

function DeliveryState({ message }: { message: UiMessage }) {
  if (message.status === "pending") {
    return (
      <span class="message__state" data-testid="message-state">
        Sending…
      </span>
    );
  }
  if (message.status === "failed") {
    return (
      <div class="message__failure" role="alert" data-testid="message-error">
        <span>Not delivered: {message.error}</span>
        <button class="link-button" type="button" onClick={() => retry(message)}>
          Retry
        </button>
        <button class="link-button" type="button" onClick={() => dismiss(message)}>
          Dismiss
        </button>
      </div>
    );
  }
  return message.clientId && message.author === nickname.value ? (
    <span class="message__state message__state--delivered" data-testid="message-state">
      <span aria-hidden="true">✓</span>
      <span class="visually-hidden">Delivered</span>
    </span>
  ) : null;
}
