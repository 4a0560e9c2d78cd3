// Throw-away certificates for tests, the tour and the emulator's TLS mode: a CA and a leaf it signs, RSA 2048, made at
// call time (nothing stored). A minimal DER writer covers what an X.509 v3 certificate needs (RFC 5280): the CA carries
// basicConstraints CA:TRUE (OpenSSL refuses an issuer without it), the leaf a subjectAltName for its host and 127.0.0.1
// (Node checks names against SANs), so the pair serves TLS as well as a Gcore upload.
import { generateKeyPair, type KeyObject, randomBytes, sign } from "node:crypto";
import { isIP } from "node:net";
import { promisify } from "node:util";

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const header =
    length < 0x80
      ? Buffer.from([tag, length])
      : length < 0x100
        ? Buffer.from([tag, 0x81, length])
        : Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, content]);
}
const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const minimal = bytes.subarray(start);
  return der(0x02, minimal[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}
const utf8 = (text: string) => der(0x0c, Buffer.from(text, "utf8"));
const utcTime = (date: Date) => der(0x17, Buffer.from(`${date.toISOString().replace(/[-:T]/g, "").slice(2, 14)}Z`, "ascii"));
const bitString = (bytes: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), bytes]));
const octetString = (bytes: Buffer) => der(0x04, bytes);
const explicit = (tag: number, content: Buffer) => der(0xa0 + tag, content);
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [first! * 40 + second!];
  for (const part of rest) {
    const base128 = [];
    for (let value = part; ; value = Math.floor(value / 128)) {
      base128.unshift((value % 128) | (base128.length ? 0x80 : 0));
      if (value < 128) break;
    }
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}

const SHA256_WITH_RSA = sequence(oid("1.2.840.113549.1.1.11"), Buffer.from([0x05, 0x00]));
const commonName = (name: string) => sequence(set(sequence(oid("2.5.4.3"), utf8(name))));
const extension = (id: string, critical: boolean, value: Buffer) => sequence(oid(id), ...(critical ? [TRUE] : []), octetString(value));
/** basicConstraints (2.5.29.19), critical: cA TRUE. */
const caConstraints = extension("2.5.29.19", true, sequence(TRUE));
/** subjectAltName (2.5.29.17): dNSName [2] and iPAddress [7], both implicit. */
function subjectAltNames(names: readonly string[]): Buffer {
  const general = names.map((name) =>
    isIP(name) === 4 ? der(0x87, Buffer.from(name.split(".").map(Number))) : der(0x82, Buffer.from(name, "ascii")),
  );
  return extension("2.5.29.17", false, sequence(...general));
}

/** A key pair and its certificate, PEM (the key as PKCS#8). */
export interface KeyAndCertificate {
  /** PKCS#8 PEM. */
  privateKey: string;
  certificate: string;
  key: KeyObject;
}

async function rsaKeyPair(): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
}

interface Issued {
  subject: string;
  publicKey: KeyObject;
  issuer: string;
  issuerKey: KeyObject;
  days: number;
  extensions: Buffer[];
}

function certificate({ subject, publicKey, issuer, issuerKey, days, extensions }: Issued): string {
  const now = Date.now();
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    SHA256_WITH_RSA,
    commonName(issuer),
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + days * 86_400_000))),
    commonName(subject),
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, sequence(...extensions)),
  );
  const body = sequence(tbs, SHA256_WITH_RSA, bitString(sign("sha256", tbs, issuerKey)));
  const lines = body.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`;
}

/**
 * A CA and a leaf certificate for `hostname` it signs (also valid for 127.0.0.1), both valid for `days`: the leaf's
 * `X509Certificate` verifies against the CA's public key.
 */
export async function createTestCertificates(hostname: string, days = 30): Promise<{ ca: KeyAndCertificate; leaf: KeyAndCertificate }> {
  const [caKeys, leafKeys] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  const caName = `${hostname} test CA`;
  const pem = (key: KeyObject) => key.export({ type: "pkcs8", format: "pem" }).toString();
  const names = [...new Set([hostname, "127.0.0.1"])];
  const issue = (subject: string, publicKey: KeyObject, extensions: Buffer[]) =>
    certificate({ subject, publicKey, issuer: caName, issuerKey: caKeys.privateKey, days, extensions });
  return {
    ca: { key: caKeys.privateKey, privateKey: pem(caKeys.privateKey), certificate: issue(caName, caKeys.publicKey, [caConstraints]) },
    leaf: {
      key: leafKeys.privateKey,
      privateKey: pem(leafKeys.privateKey),
      certificate: issue(hostname, leafKeys.publicKey, [subjectAltNames(names)]),
    },
  };
}

/**
 * What {@link testCertificate} makes: the three PEMs a TLS upload (Gcore) or a TLS server needs, matching each other.
 *
 * @example
 * ```ts
 * import https from "node:https";
 * import { type TestCertificate, testCertificate } from "typed-secrets/emulator";
 *
 * const { certificate, privateKey, certificateChain }: TestCertificate = await testCertificate();
 * https.createServer({ key: privateKey, cert: certificate }); // a client trusts `certificateChain`
 * ```
 */
export interface TestCertificate {
  /** The leaf certificate, PEM, for `hostname` and 127.0.0.1. */
  certificate: string;
  /** The leaf's private key, PKCS#8 PEM. */
  privateKey: string;
  /** The CA certificate that signed the leaf, PEM: the chain to upload, and what a client trusts. */
  certificateChain: string;
}

/**
 * Makes a key, a certificate and its chain that match, at call time (RSA 2048; nothing is stored, no key is ever
 * committed): the input a Gcore certificate upload needs, or the `tls` option of the Voximplant emulator.
 *
 * @param options.hostname - the leaf's name (default `localhost`); the leaf is valid for 127.0.0.1 too.
 * @param options.days - validity (default 30).
 * @example
 * ```ts
 * import { startGcoreEmulator, testCertificate } from "typed-secrets/emulator";
 * const gcore = createGcoreClient({ env: (await startGcoreEmulator()).env });
 * await gcore.uploadCertificateAndWait({ name: "lb", ...(await testCertificate({ hostname: "shop.example" })) });
 * ```
 */
export async function testCertificate(options: { hostname?: string; days?: number } = {}): Promise<TestCertificate> {
  const { ca, leaf } = await createTestCertificates(options.hostname ?? "localhost", options.days);
  return { certificate: leaf.certificate, privateKey: leaf.privateKey, certificateChain: ca.certificate };
}
