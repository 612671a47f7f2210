import { useSignal } from "@preact/signals";
import { validateNickname } from "../../shared/validation";
import { nickname, signIn, signInError } from "../state";

export function SignIn() {
  const draft = useSignal(nickname.value);
  const error = useSignal("");
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = validateNickname(draft.value);
    if (!checked.ok) {
      error.value = checked.error;
      return;
    }
    signIn(checked.value);
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
