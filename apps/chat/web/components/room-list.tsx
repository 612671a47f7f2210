import { useSignal } from "@preact/signals";
import { CHAT_LIMITS, DEFAULT_ROOM } from "../../server/events";
import { activeRoom, joinedRooms, roomList, unreadByRoom } from "../state/chat";
import { openRoom } from "../state/connection";

/** Every room with its live member count; joined rooms first. Also creates rooms. */
export function RoomList({ onNavigate }: { onNavigate: () => void }) {
  const draft = useSignal("");
  const joined = joinedRooms.value;
  const known = new Map(roomList.value.map((room) => [room.name, room.members]));
  for (const name of joined) if (!known.has(name)) known.set(name, 0);
  const names = [...known.keys()].sort((a, b) => {
    if (a === DEFAULT_ROOM || b === DEFAULT_ROOM) return a === DEFAULT_ROOM ? -1 : 1;
    const joinedDelta = Number(joined.includes(b)) - Number(joined.includes(a));
    return joinedDelta || a.localeCompare(b);
  });
  return (
    <nav class="rooms" aria-label="Room list">
      <h2 class="sidebar__heading" id="rooms-heading">
        Rooms
      </h2>
      <ul class="rooms__list" data-testid="rooms" aria-labelledby="rooms-heading">
        {names.map((name) => {
          const isJoined = joined.includes(name);
          const isActive = name === activeRoom.value;
          const unread = unreadByRoom.value[name] ?? 0;
          const members = known.get(name) ?? 0;
          return (
            <li key={name}>
              <button
                type="button"
                class={`room${isActive ? " room--active" : ""}${isJoined ? " room--joined" : ""}`}
                aria-current={isActive ? "page" : undefined}
                data-room={name}
                onClick={async () => {
                  if (await openRoom(name)) onNavigate();
                }}
              >
                <span class="room__name">
                  <span class="hash" aria-hidden="true">
                    #
                  </span>
                  {name}
                </span>
                {unread > 0 && (
                  <span class="badge">
                    {unread > 99 ? "99+" : unread}
                    <span class="visually-hidden"> unread</span>
                  </span>
                )}
                <span class="room__count">
                  {members}
                  <span class="visually-hidden">{members === 1 ? " member" : " members"}</span>
                </span>
                {!isJoined && <span class="visually-hidden">(not joined)</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <form
        class="rooms__create"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await openRoom(draft.value)) {
            draft.value = "";
            onNavigate();
          }
        }}
      >
        <label class="visually-hidden" for="new-room">
          Create or join a room
        </label>
        <input
          id="new-room"
          data-testid="new-room"
          class="field__input field__input--dark"
          placeholder="New room…"
          maxLength={CHAT_LIMITS.roomNameMaxLength + 1}
          value={draft.value}
          onInput={(event) => (draft.value = event.currentTarget.value)}
        />
        <button
          class="button button--small button--on-dark"
          type="submit"
          disabled={!draft.value.trim()}
        >
          Join
        </button>
      </form>
    </nav>
  );
}
