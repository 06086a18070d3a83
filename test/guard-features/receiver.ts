/** A local webhook receiver for the --notify tests: records each request; answers as told. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  body: unknown;
}

export interface Receiver {
  url: (path: string) => string;
  received: Received[];
  close: () => Promise<void>;
}

/**
 * `answer(n)` gives the status of the n-th request (0-based); "hang" never answers it. The default
 * answers 200 with `{"ok":true}`.
 */
export async function receiver(answer: (n: number) => number | "hang" = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const n = received.length;
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      received.push({ path: req.url ?? "", body });
      const status = answer(n);
      if (status === "hang") {
        hanging.push(res);
        return;
      }
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
