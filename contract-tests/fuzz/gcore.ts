// Fuzz targets of the Gcore facade: secret and task ids (UUIDs of every version, hostile strings),
// locations, page sizes at and past 1000, certificate uploads with hostile names, PEMs and dates.
import fc from "fast-check";
import type { GcoreClient, GcoreCertificateUpload } from "../../src/index.js";
import { pem } from "../support/clients.js";
import { DEVIATIONS } from "./deviations.js";
import type { FuzzTarget } from "./harness.js";
import { anyId, hostileString, isNonPositiveInteger, unsafeNumber } from "./inputs.js";

type Location = { projectId?: number; regionId?: number };
const location = fc.record({ projectId: anyId(), regionId: anyId() }, { requiredKeys: [] });
const locationRule = (given: Location) => unsafeNumber(given.projectId) ?? unsafeNumber(given.regionId);
const path = (given: Location) => ({ project_id: given.projectId ?? 1, region_id: given.regionId ?? 1 });
const nonPositive = {
  bug: DEVIATIONS.nonPositiveId,
  matches: (input: { location: Location }) =>
    isNonPositiveInteger(input.location.projectId) || isNonPositiveInteger(input.location.regionId),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = fc.oneof(
  { weight: 6, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.uuid().map((uuid) => uuid.toUpperCase()) },
  { weight: 2, arbitrary: hostileString() },
);
/** apis.md: a secret id is a UUID (the vendor spec says format uuid4 on GET, which Prism does not check). */
const idRule = (value: string) => (UUID.test(value) ? undefined : "apis.md: secret_id is a UUID");
type ById = { id: string; location: Location };
const byId = fc.record({ id, location });
const byIdRule = (input: ById) => idRule(input.id) ?? locationRule(input.location);

const certificate = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null).map(() => pem.certificate) },
  { weight: 1, arbitrary: fc.constant(null).map(() => pem.certificate.repeat(2_000)) },
  { weight: 1, arbitrary: hostileString() },
);
/** A PEM-shaped block with a placeholder body (built here so no key-looking literal sits in the repo). */
const pemBlock = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
const privateKey = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null).map(() => pem.privateKey) },
  { weight: 1, arbitrary: fc.constant(pemBlock("RSA PRIVATE KEY", "QUJD")) },
  { weight: 1, arbitrary: hostileString() },
);
const expiresAt = fc.oneof(
  fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2999-12-31T23:59:59Z"), noInvalidDate: true }),
  fc.date({ noInvalidDate: true }),
  fc.constant(new Date(Number.NaN)),
);
const upload = fc.record(
  {
    name: fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }) },
      { weight: 1, arbitrary: fc.constant("x".repeat(10_000)) },
      { weight: 1, arbitrary: hostileString() },
    ),
    certificate,
    privateKey,
    certificateChain: certificate,
    expiresAt,
  },
  { requiredKeys: ["name", "certificate", "privateKey", "certificateChain"] },
);
type UploadInput = { upload: GcoreCertificateUpload; location: Location };
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----[\s\S]+-----END ([A-Z]+ )?PRIVATE KEY-----/;
const outOfRange = (date: Date | undefined) =>
  date !== undefined && !Number.isNaN(date.getTime()) && (date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999);
/** apis.md and the spec's descriptions: certificate, chain and key are PEM; an invalid Date has no date-time. */
const uploadRule = (input: UploadInput) =>
  (!PEM_CERTIFICATE.test(input.upload.certificate) || !PEM_CERTIFICATE.test(input.upload.certificateChain)
    ? "apis.md: certificate and certificate_chain are PEM certificates"
    : undefined) ??
  (!PEM_KEY.test(input.upload.privateKey) ? "apis.md: private_key is a PEM private key" : undefined) ??
  (input.upload.expiresAt && Number.isNaN(input.upload.expiresAt.getTime())
    ? "facade type Date: an invalid Date has no date-time"
    : undefined) ??
  (outOfRange(input.upload.expiresAt) ? "RFC 3339 date-time (format: date-time): years 0000-9999 only" : undefined) ??
  locationRule(input.location);
const uploadWire = (client: GcoreClient, input: UploadInput) =>
  client.api.POST("/cloud/v2/secrets/{project_id}/{region_id}", {
    params: { path: path(input.location) },
    body: {
      name: input.upload.name,
      payload: {
        certificate: input.upload.certificate,
        private_key: input.upload.privateKey,
        certificate_chain: input.upload.certificateChain,
      },
      ...(input.upload.expiresAt && !Number.isNaN(input.upload.expiresAt.getTime())
        ? { expiration: input.upload.expiresAt.toISOString() }
        : {}),
    },
  });
const uploadDeviations = [nonPositive];
const secretWire = (client: GcoreClient, input: ById) =>
  client.api.GET("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", {
    params: { path: { ...path(input.location), secret_id: input.id } },
  });
const deleteWire = (client: GcoreClient, input: ById) =>
  client.api.DELETE("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", {
    params: { path: { ...path(input.location), secret_id: input.id } },
  });
type ListInput = Location & { pageSize?: number };

export const gcoreTargets = [
  {
    provider: "gcore",
    method: "listSecrets",
    runs: 80,
    input: fc.record(
      {
        projectId: anyId(),
        regionId: anyId(),
        pageSize: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }) },
          { weight: 1, arbitrary: fc.constantFrom(0, -1, 1001, 1.5) },
        ),
      },
      { requiredKeys: [] },
    ),
    // The first page only: the mock ignores offset, so a page size of 1 would page forever.
    call: (client: GcoreClient, input: ListInput) => client.listSecrets(input)[Symbol.asyncIterator]().next(),
    forbiddenBy: (input: ListInput) => locationRule(input) ?? unsafeNumber(input.pageSize),
    wire: (client: GcoreClient, input: ListInput) =>
      client.api.GET("/cloud/v1/secrets/{project_id}/{region_id}", {
        params: { path: path(input), query: { limit: input.pageSize ?? 1000, offset: 0 } },
      }),
    deviations: [
      {
        bug: DEVIATIONS.nonPositiveId,
        matches: (input: ListInput) => isNonPositiveInteger(input.projectId) || isNonPositiveInteger(input.regionId),
      },
    ],
  } satisfies FuzzTarget<"gcore", ListInput>,
  {
    provider: "gcore",
    method: "getSecret",
    runs: 80,
    input: byId,
    call: (client: GcoreClient, input: ById) => client.getSecret(input.id, input.location),
    forbiddenBy: byIdRule,
    wire: secretWire,
    deviations: [nonPositive],
  } satisfies FuzzTarget<"gcore", ById>,
  {
    provider: "gcore",
    method: "uploadCertificate",
    runs: 80,
    input: fc.record({ upload, location }),
    call: (client: GcoreClient, input: UploadInput) => client.uploadCertificate(input.upload, input.location),
    forbiddenBy: uploadRule,
    wire: uploadWire,
    deviations: uploadDeviations,
  } satisfies FuzzTarget<"gcore", UploadInput>,
  {
    provider: "gcore",
    method: "uploadCertificateAndWait",
    runs: 40,
    input: fc.record({ upload, location }),
    call: (client: GcoreClient, input: UploadInput) => client.uploadCertificateAndWait(input.upload, input.location),
    forbiddenBy: uploadRule,
    wire: uploadWire,
    deviations: uploadDeviations,
  } satisfies FuzzTarget<"gcore", UploadInput>,
  {
    provider: "gcore",
    method: "startDeleteSecret",
    runs: 60,
    input: byId,
    call: (client: GcoreClient, input: ById) => client.startDeleteSecret(input.id, input.location),
    forbiddenBy: byIdRule,
    wire: deleteWire,
    deviations: [nonPositive],
  } satisfies FuzzTarget<"gcore", ById>,
  {
    provider: "gcore",
    method: "deleteSecret",
    runs: 60,
    input: byId,
    call: (client: GcoreClient, input: ById) => client.deleteSecret(input.id, input.location),
    forbiddenBy: byIdRule,
    wire: deleteWire,
    deviations: [nonPositive],
  } satisfies FuzzTarget<"gcore", ById>,
  {
    provider: "gcore",
    method: "waitForTask",
    runs: 60,
    input: fc.oneof(
      { weight: 4, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: hostileString() },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }) },
    ),
    call: (client: GcoreClient, input: string) => client.waitForTask(input),
    forbiddenBy: (input: string) =>
      input === ""
        ? "spec: task_id is a required path parameter"
        : input === "." || input === ".."
          ? 'RFC 3986: a "." or ".." path segment is resolved away, so the URL would name no task'
          : undefined,
    wire: (client: GcoreClient, input: string) => client.api.GET("/cloud/v1/tasks/{task_id}", { params: { path: { task_id: input } } }),
  } satisfies FuzzTarget<"gcore", string>,
];
