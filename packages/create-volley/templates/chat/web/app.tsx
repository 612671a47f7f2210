import { Chat } from "./components/chat";
import { SignIn } from "./components/sign-in";
import { socket } from "./state";

export function App() {
  return socket.value ? <Chat socket={socket.value} /> : <SignIn />;
}
