// Throw-away certificates for the tour and the tests: a CA and a leaf it signs, RSA 2048, made at run time (nothing stored).
import { generateKeyPair, randomBytes, sign, type KeyObject } from "node:crypto";
import { promisify } from "node:util";

// A minimal DER writer: just the ASN.1 an X.509 v3 certificate without extensions needs.
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
const explicit = (tag: number, content: Buffer) => der(0xa0 + tag, content);

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

export interface KeyAndCertificate {
  /** PKCS#8 PEM. */
  privateKey: string;
  certificate: string;
  key: KeyObject;
}

async function rsaKeyPair(): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
}

function certificate(subject: string, publicKey: KeyObject, issuer: string, issuerKey: KeyObject, days: number): string {
  const now = new Date();
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    SHA256_WITH_RSA,
    commonName(issuer),
    sequence(utcTime(new Date(now.getTime() - 60_000)), utcTime(new Date(now.getTime() + days * 86_400_000))),
    commonName(subject),
    publicKey.export({ type: "spki", format: "der" }),
  );
  const body = sequence(tbs, SHA256_WITH_RSA, bitString(sign("sha256", tbs, issuerKey)));
  const lines = body.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`;
}

/** A self-signed CA and a leaf certificate for `hostname` signed by it. */
export async function createTestCertificates(hostname: string): Promise<{ ca: KeyAndCertificate; leaf: KeyAndCertificate }> {
  const [caKeys, leafKeys] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  const caName = `${hostname} test CA`;
  const pem = (key: KeyObject) => key.export({ type: "pkcs8", format: "pem" }).toString();
  return {
    ca: {
      key: caKeys.privateKey,
      privateKey: pem(caKeys.privateKey),
      certificate: certificate(caName, caKeys.publicKey, caName, caKeys.privateKey, 30),
    },
    leaf: {
      key: leafKeys.privateKey,
      privateKey: pem(leafKeys.privateKey),
      certificate: certificate(hostname, leafKeys.publicKey, caName, caKeys.privateKey, 30),
    },
  };
}
