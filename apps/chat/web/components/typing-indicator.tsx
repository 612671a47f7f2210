import { activeTyping } from "../state/chat";
import { describeTyping } from "../state/typing";

export function TypingIndicator() {
  const text = describeTyping(activeTyping.value);
  return (
    <div class="typing" data-testid="typing" aria-live="polite">
      {text && (
        <>
          <span class="typing__dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
