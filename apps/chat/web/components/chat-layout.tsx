import { useSignal } from "@preact/signals";
import { DEFAULT_ROOM } from "../../server/events";
import { activeMembers, activeRoom, notice } from "../state/chat";
import { leaveRoom, signOut } from "../state/connection";
import { nickname } from "../state/session";
import { Composer } from "./composer";
import { ConnectionFooter } from "./connection-footer";
import { MemberList } from "./member-list";
import { MessageList } from "./message-list";
import { RoomList } from "./room-list";
import { StatusBanner } from "./status-banner";
import { TypingIndicator } from "./typing-indicator";

/** The signed-in screen: rooms | conversation | members, collapsing to one column on phones. */
export function ChatLayout() {
  const roomsOpen = useSignal(false);
  const membersOpen = useSignal(false);
  const room = activeRoom.value;
  return (
    <div
      class={`layout${roomsOpen.value ? " layout--rooms-open" : ""}${membersOpen.value ? " layout--members-open" : ""}`}
    >
      <StatusBanner />
      <aside class="sidebar" id="sidebar" aria-label="Rooms">
        <div class="sidebar__brand">
          <span class="brand__mark" aria-hidden="true">
            V
          </span>
          <span class="brand__name">Volley Chat</span>
        </div>
        <RoomList onNavigate={() => (roomsOpen.value = false)} />
        <div class="sidebar__me">
          <span class="avatar avatar--small" aria-hidden="true">
            {nickname.value.slice(0, 1).toUpperCase()}
          </span>
          <span class="sidebar__me-name" title={nickname.value}>
            {nickname.value}
          </span>
          <button class="button button--ghost button--small" type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </aside>
      <button
        class="scrim"
        type="button"
        tabIndex={-1}
        aria-hidden="true"
        onClick={() => {
          roomsOpen.value = false;
          membersOpen.value = false;
        }}
      />
      <main class="conversation" aria-labelledby="room-title">
        <header class="conversation__header">
          <button
            class="icon-button only-phone"
            type="button"
            aria-label="Rooms"
            aria-controls="sidebar"
            aria-expanded={roomsOpen.value}
            onClick={() => (roomsOpen.value = !roomsOpen.value)}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path
                d="M4 6h16M4 12h16M4 18h16"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
              />
            </svg>
          </button>
          <h1 id="room-title" class="conversation__title">
            <span class="hash" aria-hidden="true">
              #
            </span>
            {room}
          </h1>
          <button
            class="chip"
            type="button"
            aria-controls="members"
            aria-expanded={membersOpen.value}
            onClick={() => (membersOpen.value = !membersOpen.value)}
          >
            <span class="dot dot--online" aria-hidden="true" />
            {activeMembers.value.length} online
          </button>
          {room !== DEFAULT_ROOM && (
            <button
              class="button button--ghost button--small"
              type="button"
              onClick={() => void leaveRoom(room)}
            >
              Leave
            </button>
          )}
        </header>
        <MessageList />
        <TypingIndicator />
        <Composer />
        <ConnectionFooter />
      </main>
      <MemberList />
      {notice.value && (
        <div class="toast" role="alert">
          {notice.value}
        </div>
      )}
    </div>
  );
}
