// The Node transport keeps every transport guarantee (the shared suite).
import { describeTransport } from "../testing/transport-suite.js";
import { createTestCertificates } from "../cli/self-signed.js";
import { createNodeTransport } from "./node-transport.js";

/** A leaf certificate for 127.0.0.1 signed by a CA made here, which nothing trusts. */
const untrustedCertificate = async () => {
  const { leaf } = await createTestCertificates("127.0.0.1");
  return { key: leaf.privateKey, cert: leaf.certificate };
};

describeTransport("node:http", () => createNodeTransport(), { untrustedCertificate });
