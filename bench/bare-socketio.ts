// The baseline for fan-out: a bare Socket.IO server that broadcasts whatever is POSTed to it.
// Run as its own process (like Huddle), so both are measured the same way from the client side.
import { createServer } from "node:http";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
io.on("connection", (socket) => {
  socket.on("subscribe", (room: string, ack?: () => void) => {
    void socket.join(room);
    ack?.();
  });
});
httpServer.on("request", (req, res) => {
  if (req.url?.startsWith("/socket.io/")) return;
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const { room, payload } = JSON.parse(Buffer.concat(chunks).toString()) as { room: string; payload: unknown };
    io.to(room).emit("update", payload);
    res.writeHead(201, { "content-type": "application/json" }).end("{}");
  });
});
httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  console.log(`bare listening on ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  io.close();
  process.exit(0);
});
