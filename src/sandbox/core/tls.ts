/**
 * A self-signed certificate for the local cloud's HTTPS mode, made at start with node:crypto alone.
 * node:crypto reads X.509 but cannot write it, so the certificate is encoded here in DER by hand:
 * an ECDSA P-256 key, subject and issuer `CN=stateward local cloud`, valid for a day either side of
 * now, with subjectAltName `localhost` and `127.0.0.1` (Go and Node check the SAN, not the CN) and
 * basicConstraints CA:TRUE so clients can trust it directly as its own root (AWS_CA_BUNDLE,
 * NODE_EXTRA_CA_CERTS).
 */
import { generateKeyPairSync, randomBytes, sign, X509Certificate } from "node:crypto";

export interface SandboxCertificate {
  /** PEM, to hand to clients as their CA bundle. */
  cert: string;
  /** PKCS#8 PEM, for the server only. */
  key: string;
}

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else if (n < 0x100) length = Buffer.from([0x81, n]);
  else if (n < 0x10000) length = Buffer.from([0x82, n >> 8, n & 0xff]);
  // i18n-exempt: internal invariant (a bug in the local cloud's certificate encoder)
  else throw new Error("DER value too long");
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const explicit = (n: number, item: Buffer) => der(0xa0 + n, item);
const octets = (b: Buffer) => der(0x04, b);
const bitString = (b: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), b]));
const utf8 = (s: string) => der(0x0c, Buffer.from(s, "utf8"));
const bool = (v: boolean) => der(0x01, Buffer.from([v ? 0xff : 0]));

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const bytes = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    let v = Math.floor(part / 128);
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function positiveInteger(b: Buffer): Buffer {
  const trimmed = b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  return der(0x02, trimmed);
}

/** UTCTime (YYMMDDHHMMSSZ): valid for the years 1950–2049, which is all this needs. */
function utcTime(d: Date): Buffer {
  const iso = d.toISOString();
  const text =
    iso.slice(2, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19) +
    "Z";
  return der(0x17, Buffer.from(text, "ascii"));
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

export function makeSelfSignedCertificate(now = new Date()): SandboxCertificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const ecdsaWithSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const name = seq(set(seq(oid("2.5.4.3"), utf8("stateward local cloud"))));
  const day = 24 * 3600 * 1000;
  const validity = seq(utcTime(new Date(now.getTime() - day)), utcTime(new Date(now.getTime() + day)));
  const spki = publicKey.export({ type: "spki", format: "der" });
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const subjectAltName = seq(
    oid("2.5.29.17"),
    octets(
      seq(
        der(0x82, Buffer.from("localhost", "ascii")), // dNSName
        der(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
      ),
    ),
  );
  const basicConstraints = seq(oid("2.5.29.19"), bool(true), octets(seq(bool(true))));
  const tbs = seq(
    explicit(0, der(0x02, Buffer.from([2]))), // v3
    positiveInteger(serial),
    ecdsaWithSha256,
    name,
    validity,
    name,
    spki,
    explicit(3, seq(subjectAltName, basicConstraints)),
  );
  const signature = sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
  const certificate = seq(tbs, ecdsaWithSha256, bitString(signature));
  const certPem = pem("CERTIFICATE", certificate);
  // Parse it back: a malformed encoding fails here, at start, not in a client's handshake.
  const parsed = new X509Certificate(certPem);
  // i18n-exempt: internal invariant (a bug in the local cloud's certificate encoder)
  if (!parsed.verify(publicKey)) throw new Error("the generated certificate does not verify");
  return { cert: certPem, key: privateKey.export({ type: "pkcs8", format: "pem" }) as string };
}
