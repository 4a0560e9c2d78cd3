// The benchmark's server, in a process of its own so that it takes no CPU time from the measured client:
// fixed answers for the three APIs' read routes, keep-alive, on a free loopback port printed on stdout.
import { createServer } from "node:http";

const json = (body) => Buffer.from(JSON.stringify(body));
const VOXIMPLANT = json({ result: { secret_id: 10, secret_name: "a", secret_value: "v", created: "2024-05-10 14:22:35", modified: "2024-06-01 08:15:42" } });
const DAPR = json({ db: "value-of-db" });
const GCORE = json({ id: "bfc7824b-31b6-4a28-a0c4-7df137139215", name: "lb", secret_type: "certificate", status: "ACTIVE", created: "2026-03-23T20:00:00Z" });
const EMPTY = json({});

const server = createServer((request, response) => {
  const body = request.url.startsWith("/GetSecretValue") ? VOXIMPLANT : request.url.startsWith("/v1.0/secrets/") ? DAPR : request.url.startsWith("/cloud/") ? GCORE : EMPTY;
  request.resume();
  request.on("end", () => response.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("message", () => server.close(() => process.exit(0)));
process.on("disconnect", () => process.exit(0));
