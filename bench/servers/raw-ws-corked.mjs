// The write-coalescing bound: the raw ws server with every socket corked for one event-loop turn
// and flushed once, so a batch of broadcasts costs one writev per socket instead of one per frame.
import { serve } from "./raw-ws.mjs";

serve({ corked: true });
