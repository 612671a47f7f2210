import { ChatLayout } from "./components/chat-layout";
import { NicknameForm } from "./components/nickname-form";
import { phase } from "./state/session";

export function App() {
  return phase.value === "chat" ? <ChatLayout /> : <NicknameForm />;
}
