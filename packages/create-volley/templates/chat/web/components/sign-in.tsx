import { useSignal } from "@preact/signals";
import * as v from "valibot";
import { Nickname } from "../../shared/events";
import { nickname, signIn, signInError } from "../state";

export function SignIn() {
  const draft = useSignal(nickname.value);
  const error = useSignal("");
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = v.safeParse(Nickname, draft.value);
    if (!checked.success) {
      error.value = checked.issues[0].message;
      return;
    }
    signIn(checked.output);
  };
  return (
    <form class="sign-in" onSubmit={submit}>
      <h1>Volley Chat</h1>
      <input
        data-testid="nickname"
        value={draft.value}
        onInput={(e) => {
          draft.value = e.currentTarget.value;
        }}
        placeholder="Your nickname"
        aria-label="Nickname"
      />
      <button type="submit">Join</button>
      <p class="error">{error.value || signInError.value}</p>
    </form>
  );
}
