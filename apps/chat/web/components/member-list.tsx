import { activeMembers, activeRoom } from "../state/chat";
import { nickname } from "../state/session";

/** Who is in the active room right now. */
export function MemberList() {
  const members = activeMembers.value;
  return (
    <aside class="members" id="members" aria-labelledby="members-heading">
      <h2 class="members__heading" id="members-heading">
        In #{activeRoom.value} <span class="members__count">{members.length}</span>
      </h2>
      <ul class="members__list" data-testid="members" aria-live="polite">
        {members.map((name) => (
          <li key={name} class="member">
            <span class="avatar avatar--small" style={{ "--hue": hue(name) }} aria-hidden="true">
              {name.slice(0, 1).toUpperCase()}
            </span>
            <span class="member__name">{name}</span>
            {name === nickname.value && <span class="member__you">you</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** A stable colour per nickname. */
export function hue(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}
