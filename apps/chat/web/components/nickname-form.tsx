import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { CHAT_LIMITS } from "../../server/events";
import { signIn, signOut, socket } from "../state/connection";
import { nickname, phase, signInError } from "../state/session";

/** The entry screen: pick a nickname (remembered for next time). */
export function NicknameForm() {
  const value = useSignal(nickname.value);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const busy = phase.value === "signing-in";
  const error = signInError.value;
  const unreachable = busy && socket.value?.lastError.value !== undefined;
  return (
    <main class="welcome">
      <form
        class="welcome__card"
        aria-labelledby="welcome-title"
        onSubmit={(event) => {
          event.preventDefault();
          signIn(value.value);
        }}
      >
        <div class="brand brand--large" aria-hidden="true">
          <span class="brand__mark">V</span>
        </div>
        <h1 id="welcome-title">Volley Chat</h1>
        <p class="welcome__lead">Realtime rooms for your team. Pick a nickname to start.</p>
        <label class="field__label" for="nickname">
          Nickname
        </label>
        <input
          id="nickname"
          data-testid="nickname"
          class="field__input"
          name="nickname"
          autoComplete="nickname"
          ref={input}
          maxLength={CHAT_LIMITS.nicknameMaxLength + 8}
          placeholder="e.g. ada"
          value={value.value}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "nickname-error" : "nickname-hint"}
          onInput={(event) => {
            value.value = event.currentTarget.value;
            if (signInError.value) signInError.value = null;
          }}
        />
        {error ? (
          <p id="nickname-error" class="field__error" role="alert">
            {error}
          </p>
        ) : (
          <p id="nickname-hint" class="field__hint">
            Up to {CHAT_LIMITS.nicknameMaxLength} letters, digits, spaces, _ - or .
          </p>
        )}
        <button class="button button--primary button--block" type="submit" disabled={busy}>
          {busy ? "Connecting…" : "Join the chat"}
        </button>
        {unreachable && (
          <p class="field__hint" role="status">
            Can't reach the server yet; still trying…{" "}
            <button class="link-button" type="button" onClick={signOut}>
              Cancel
            </button>
          </p>
        )}
      </form>
    </main>
  );
}
