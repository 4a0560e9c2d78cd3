// The Node transport keeps every transport guarantee (the shared suite).
import { describeTransport } from "../testing/transport-suite.js";
import { createNodeTransport } from "./node-transport.js";

describeTransport("node:http", () => createNodeTransport());
